package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runner frozen (SIGSTOP) past its lease while its agent works; another runner takes the
 * commission over; the frozen one wakes up (SIGCONT) believing it still holds it.
 */
class ZombieRunnerIT extends ProjectTest {
  /** Works, with output, until the test creates {@code go}; then changes a file and ends. */
  private static final String AGENT =
      """
      beacon "working $SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT $$"
      while [ ! -e "$SLEIGH_IT_DIR/go" ]; do echo tick; sleep 0.1; done
      echo "attempt $SLEIGH_ATTEMPT" >> src/zombie.txt
      """;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aRunnerResumedAfterItsLeaseWasTakenOverIsFencedStopsWorkAndNeverWritesAgain()
      throws Exception {
    project.configure(AGENT, Tuning.standard());
    project.commission("wc-a");
    SleighProcess a = project.runner("runner-a", "--runner-id", "runner-a");
    a.awaitLine(Pattern.compile("wc-a: execute attempt 1 started"), LINE);
    String announced = project.beacon.await(Pattern.compile("^working wc-a 1 "), LINE);
    List<ProcessHandle> agentOfA = AgentProcesses.of(project.dir, List.of(announced));
    assertThat(agentOfA).as(a.log()).isNotEmpty();

    project.freezeBetweenTransactions(a);
    SleighProcess b = project.runner("runner-b", "--drain", "--runner-id", "runner-b");
    b.awaitLine(Pattern.compile("wc-a: claimed \\(epoch 2\\)"), LINE);
    assertThat(agentOfA.stream().filter(AgentProcesses::running))
        .as(
            "the frozen runner's agent was ended by the runner that took over, before it claimed\n"
                + b.log()
                + AgentProcesses.describe(agentOfA))
        .isEmpty();
    project.beacon.await(Pattern.compile("^working wc-a 2 "), LINE);
    long takeover = claimOf(project.events("wc-a"), 2);

    a.cont();
    String stopped =
        a.awaitLine(Pattern.compile("wc-a: stopping work and writing nothing more"), LINE);
    assertThat(stopped).as(a.log()).contains("lease_fenced");
    // only now is it reaped: until the frozen runner runs again, its dead child is a zombie
    assertThat(AgentProcesses.awaitGone(agentOfA, Duration.ofSeconds(10))).as(a.log()).isEmpty();
    assertNothingFromEpochOneAfter(takeover, a, b);
    JsonNode show = project.show("wc-a");
    assertThat(show.path("lease").path("runner_id").asText())
        .as(show.toString())
        .isEqualTo("runner-b");
    assertThat(show.path("epoch").asLong()).isEqualTo(2);

    Files.writeString(project.dir.resolve("go"), "go\n");
    assertThat(b.awaitExit(EXIT)).as(b.log()).isZero();
    a.term();
    assertThat(a.awaitExit(Duration.ofSeconds(35))).as(a.log()).isZero();

    List<JsonNode> events = assertNothingFromEpochOneAfter(takeover, a, b);
    assertThat(project.show("wc-a").path("state").asText())
        .as(describe(events))
        .isEqualTo("completed");
    assertThat(ofType(events, "phase_passed", "execute").map(e -> e.path("epoch").asLong()))
        .as(describe(events))
        .containsExactly(2L);
    assertThat(Files.readAllLines(project.workspace("wc-a").resolve("src/zombie.txt")))
        .as("only the runner holding the lease had its agent finish")
        .containsExactly("attempt 2");
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    project.assertNoAgentLeft("after both runners ended");
  }

  private static long claimOf(List<JsonNode> events, long epoch) {
    return ofType(events, "claimed")
        .filter(e -> e.path("epoch").asLong() == epoch)
        .mapToLong(e -> e.path("seq").asLong())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no claim with epoch " + epoch + describe(events)));
  }

  private List<JsonNode> assertNothingFromEpochOneAfter(
      long takeover, SleighProcess a, SleighProcess b) {
    List<JsonNode> events = project.events("wc-a");
    assertThat(events.stream().filter(e -> e.path("seq").asLong() > takeover))
        .as("events after the takeover:" + describe(events) + "\n" + a.log() + "\n" + b.log())
        .allMatch(e -> e.path("epoch").asLong() != 1);
    return events;
  }
}
