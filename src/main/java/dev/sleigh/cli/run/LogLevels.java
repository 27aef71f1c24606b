package dev.sleigh.cli.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Turns Sleigh's informational logging down to warnings, for quiet or live-progress runs. */
final class LogLevels {
  private LogLevels() {}

  static void quieten() {
    if (LoggerFactory.getLogger("dev.sleigh") instanceof Logger logger) {
      logger.setLevel(Level.WARN);
    }
  }
}
