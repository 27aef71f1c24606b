package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operator cancel reaches a real runner's agent, which ignores SIGTERM, through the heartbeat.
 */
class CancelIT extends ProjectTest {
  /** Busy forever, output every 200ms, deaf to SIGTERM (and so are its children). */
  private static final String AGENT =
      """
      trap '' TERM
      beacon "working $SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT $$"
      while true; do echo tick; sleep 0.2; done
      """;

  /** lease_ttl 2s: a heartbeat at most every 667ms; then 1s of cancel grace before SIGKILL. */
  private static final Duration HEARTBEAT_PLUS_GRACE = Duration.ofMillis(667 + 1000);

  /** What a loaded two-core machine may add to that. */
  private static final Duration SLACK = Duration.ofMillis(2500);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCancelDuringExecuteEndsTheAgentTreeWithinTheGraceAndTheRunnerWritesNothingMore()
      throws Exception {
    project.configure(AGENT, Tuning.standard());
    project.commission("wc-a");
    SleighProcess runner = project.runner("runner-1");
    runner.awaitLine(Pattern.compile("wc-a: execute attempt 1 started"), LINE);
    String announced = project.beacon.await(Pattern.compile("^working wc-a 1 "), LINE);
    List<ProcessHandle> agents = AgentProcesses.of(project.dir, List.of(announced));
    assertThat(agents).as("the agent's processes\n" + runner.log()).isNotEmpty();

    long cancelled = System.nanoTime();
    SleighProject.Cli cancel =
        project.cli("commission", "cancel", "wc-a", "--reason", "not wanted any more", "--json");
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    JsonNode show = project.show("wc-a");
    assertThat(show.path("state").asText())
        .as("state right after the cancel")
        .isEqualTo("cancelled");
    assertThat(show.path("lease").isNull()).as(show.toString()).isTrue();

    List<ProcessHandle> survivors =
        AgentProcesses.awaitGone(agents, HEARTBEAT_PLUS_GRACE.plus(SLACK));
    Duration took = Duration.ofNanos(System.nanoTime() - cancelled);
    assertThat(survivors)
        .as(
            "agent processes %s after the cancel:%s\n%s",
            took, AgentProcesses.describe(survivors), runner.log())
        .isEmpty();
    project.assertNoAgentLeft("after the cancel");
    runner.awaitLine(
        Pattern.compile("wc-a: stopping work and writing nothing more \\(cancelled"), LINE);

    runner.term();
    assertThat(runner.awaitExit(Duration.ofSeconds(35))).as(runner.log()).isZero();
    List<JsonNode> events = project.events("wc-a");
    assertThat(events.getLast().path("type").asText())
        .as(
            "nothing written after the cancel, not even after the runner stopped:"
                + describe(events)
                + "\n"
                + runner.log())
        .isEqualTo("cancelled");
    assertThat(SleighProject.ofType(events, "cancelled")).hasSize(1);
    assertThat(project.show("wc-a").path("state").asText()).isEqualTo("cancelled");
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCancelAfterTheRunnerDiedLeavesNoAgentBehindOnceARunnerRunsAgain() throws Exception {
    // silent, so that the dead runner's closed pipe cannot end it; a long stall limit keeps it
    project.configure(
        """
        beacon "working $SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT $$"
        sleep 600
        """,
        Tuning.standard().stallTimeout("60s"));
    project.commission("wc-a");
    SleighProcess runner = project.runner("runner-1");
    runner.awaitLine(Pattern.compile("wc-a: execute attempt 1 started"), LINE);
    String announced = project.beacon.await(Pattern.compile("^working wc-a 1 "), LINE);
    List<ProcessHandle> orphans = AgentProcesses.of(project.dir, List.of(announced));
    assertThat(orphans).as(runner.log()).isNotEmpty();
    runner.kill();

    SleighProject.Cli cancel =
        project.cli("commission", "cancel", "wc-a", "--reason", "its runner died", "--json");
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(project.show("wc-a").path("state").asText()).isEqualTo("cancelled");
    SleighProcess next = project.runner("runner-2", "--drain");
    assertThat(next.awaitExit(SleighProject.EXIT)).as(next.log()).isZero();

    List<ProcessHandle> survivors = AgentProcesses.awaitGone(orphans, Duration.ofSeconds(5));
    assertThat(survivors)
        .as(
            "the agent of the dead runner, after the cancel and a whole run on the same host:%s\n%s\n%s",
            AgentProcesses.describe(survivors), runner.log(), next.log())
        .isEmpty();
    List<JsonNode> events = project.events("wc-a");
    assertThat(events.getLast().path("type").asText()).as(describe(events)).isEqualTo("cancelled");
  }
}
