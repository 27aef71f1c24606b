package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.LINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.it.SleighProject.Tuning;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runner claims work when it arrives, not at its next poll: with a poll interval of ten minutes,
 * a commission created by another process after the runner's first poll is claimed and completed
 * long before that poll comes round.
 */
class ClaimOnArrivalIT extends ProjectTest {

  /** What the test waits for, a tenth of the poll interval: only a watch can beat it. */
  private static final Duration WITHIN = Duration.ofMinutes(1);

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aCommissionCreatedBetweenPollsIsClaimedWhenItArrives() throws Exception {
    project.configure("echo done > src/out.txt\n", Tuning.standard().pollInterval("10m"));
    SleighProcess runner = project.runner("runner-a", "--runner-id", "runner-a");
    runner.awaitLine(Pattern.compile("runner runner-a started"), LINE);
    // the first poll has found nothing by the time the runner says it started

    project.commission("wc-a");
    runner.awaitLine(Pattern.compile("wc-a: claimed \\(epoch 1\\)"), WITHIN);
    runner.awaitLine(Pattern.compile("wc-a: completed"), WITHIN);

    project.commission("wc-b");
    runner.awaitLine(Pattern.compile("wc-b: claimed \\(epoch 1\\)"), WITHIN);
    runner.awaitLine(Pattern.compile("wc-b: completed"), WITHIN);

    runner.term();
    assertThat(runner.awaitExit(Duration.ofSeconds(30))).as(runner.log()).isZero();
  }
}
