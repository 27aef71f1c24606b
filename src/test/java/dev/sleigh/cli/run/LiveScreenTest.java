package dev.sleigh.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** While the live block is on the screen, log lines go above it, laid out as ever. */
class LiveScreenTest {
  @Test
  void aWarningGoesToTheBlockWhileItIsShownAndToItsStreamAfter() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Object stderr = root.getAppender("STDERR");
    assertThat(stderr).isNotNull();
    List<String> above = new ArrayList<>();

    Runnable restore = LiveScreen.routeLogs(above::add);
    try {
      assertThat(root.getAppender("STDERR")).isNull();
      LoggerFactory.getLogger("dev.sleigh.runtime.Runner").warn("the store is slow");
    } finally {
      restore.run();
    }
    LoggerFactory.getLogger("dev.sleigh.runtime.Runner").warn("after the block");

    assertThat(above).singleElement().asString().contains("WARN", "Runner", "the store is slow");
    assertThat(above.getFirst()).doesNotEndWith("\n");
    assertThat(root.getAppender("STDERR")).isSameAs(stderr);
    assertThat(root.getAppender("sleigh-live-lines")).isNull();
  }
}
