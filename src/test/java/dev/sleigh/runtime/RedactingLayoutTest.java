package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.sleigh.domain.Secrets;
import org.junit.jupiter.api.Test;

class RedactingLayoutTest {
  @Test
  void aSecretInAMessageOrInAnExceptionsTextIsWrittenStars() {
    Secrets.register("log-secret-8841");
    LoggerContext context = new LoggerContext();
    RedactingLayout layout = new RedactingLayout();
    layout.setContext(context);
    layout.setPattern("%msg%n%ex");
    layout.start();
    Logger logger = context.getLogger("test");

    String line =
        layout.doLayout(
            new LoggingEvent(
                "test",
                logger,
                Level.WARN,
                "connecting with log-secret-8841",
                new IllegalStateException("refused: password=log-secret-8841"),
                null));

    assertThat(line)
        .contains("connecting with ***", "refused: password=***")
        .doesNotContain("log-secret-8841");
  }
}
