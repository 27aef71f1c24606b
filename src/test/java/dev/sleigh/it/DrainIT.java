package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code run --drain} as a process: bounded retries, then it exits on its own. */
class DrainIT extends ProjectTest {
  private static final String ALWAYS_STALLS =
      """
      echo "attempt $SLEIGH_ATTEMPT starting"
      sleep 600
      """;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void drainExitsOnceAnAgentThatAlwaysStallsHasUsedUpThePhaseBudget() throws Exception {
    project.configure(ALWAYS_STALLS, Tuning.standard());
    project.commission("wc-a");
    SleighProcess runner = project.runner("runner-1", "--drain");
    // the drain's commission failed: it says so and exits 1
    assertThat(runner.awaitExit(EXIT)).as(runner.log()).isEqualTo(1);
    assertThat(runner.log()).contains("wc-a: failed (retry_budget_exhausted)");

    List<JsonNode> events = project.events("wc-a");
    String history = describe(events) + "\n" + runner.log();
    JsonNode show = project.show("wc-a");
    assertThat(show.path("state").asText()).as(history).isEqualTo("failed");
    assertThat(show.path("reason").asText()).as(history).isEqualTo("retry_budget_exhausted");
    List<JsonNode> failures = ofType(events, "phase_failed").toList();
    assertThat(failures)
        .as(history)
        .hasSize(3)
        .allMatch(e -> e.path("phase").asText().equals("execute"))
        .allMatch(e -> e.path("data").path("reason").asText().equals("stalled"));
    assertThat(failures.stream().map(e -> e.path("attempt").asInt())).containsExactly(1, 2, 3);
    Duration first = gap(failures.get(0));
    Duration second = gap(failures.get(1));
    assertThat(second)
        .as("backoff grows: %s then %s; %s", first, second, history)
        .isGreaterThan(first);
    assertThat(failures.get(2).path("data").has("retry_at")).as(history).isFalse();
    project.assertNoAgentLeft("after the drain");
  }

  private static Duration gap(JsonNode failure) {
    return Duration.between(
        Instant.parse(failure.path("at").asText()),
        Instant.parse(failure.path("data").path("retry_at").asText()));
  }
}
