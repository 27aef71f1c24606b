package dev.sleigh.runtime;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sleigh.domain.Secrets;

/**
 * The log line layout of {@code logback.xml}, with every known secret written {@code ***}: a
 * message or an exception's text (a driver's, a child's output quoted in an error) never shows one.
 */
public final class RedactingLayout extends PatternLayout {
  @Override
  public String doLayout(ILoggingEvent event) {
    return Secrets.redact(super.doLayout(event));
  }
}
