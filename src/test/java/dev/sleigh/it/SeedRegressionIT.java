package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bug this project was created for, with real runner processes: a commission passed preflight,
 * execute attempt 1 wrote to the workspace and went silent; then the runner is killed, the
 * commission is submitted again, or the runner is restarted gracefully. Every way, the next run is
 * execute attempt 2 on the same workspace and preflight passed once in the generation.
 */
class SeedRegressionIT {
  /** Attempt 1 writes a file and goes silent; attempt 2 writes another and finishes. */
  private static final String AGENT =
      """
      if [ "$SLEIGH_ATTEMPT" = "1" ]; then
        echo first > src/attempt1.txt
        echo "attempt 1 wrote src/attempt1.txt"
        beacon "silent $SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT $$"
        sleep 600
        exit 0
      fi
      echo second > src/attempt2.txt
      echo "attempt $SLEIGH_ATTEMPT wrote src/attempt2.txt"
      """;

  private static final Pattern ATTEMPT_1_STARTED =
      Pattern.compile("wc-a: execute attempt 1 started");
  private static final Pattern ATTEMPT_2_STARTED =
      Pattern.compile("wc-a: execute attempt 2 started");
  private static final Pattern SILENT = Pattern.compile("^silent wc-a 1 ");

  @TempDir Path tmp;
  SleighProject project;
  Path commissionFile;

  @BeforeEach
  void project(TestInfo test) throws Exception {
    project =
        new SleighProject(
            tmp, getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void cleanUp() throws Exception {
    project.close();
  }

  private List<ProcessHandle> startAndReachSilentAttemptOne(SleighProcess runner)
      throws InterruptedException {
    runner.awaitLine(ATTEMPT_1_STARTED, LINE);
    String announced = project.beacon.await(SILENT, LINE);
    List<ProcessHandle> agents = AgentProcesses.of(project.dir, List.of(announced));
    assertThat(agents).as("attempt 1's agent processes\n" + runner.log()).isNotEmpty();
    JsonNode show = project.show("wc-a");
    assertThat(show.path("state").asText()).isEqualTo("running");
    assertThat(show.path("phase").asText()).isEqualTo("execute");
    assertThat(show.path("attempt").asInt()).isEqualTo(1);
    return agents;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aRunnerKilledWhileExecuteIsSilentIsFollowedByExecuteAttemptTwoNeverPreflight()
      throws Exception {
    project.configure(AGENT, Tuning.standard().stallTimeout("60s"));
    commissionFile = project.commission("wc-a");
    SleighProcess first = project.runner("runner-1");
    List<ProcessHandle> attempt1 = startAndReachSilentAttemptOne(first);

    first.kill();
    SleighProcess second = project.runner("runner-2", "--drain");
    second.awaitLine(Pattern.compile("wc-a: claimed \\(epoch 2\\)"), LINE);
    second.awaitLine(ATTEMPT_2_STARTED, LINE);
    assertThat(AgentProcesses.awaitGone(attempt1, Duration.ofSeconds(10)))
        .as(
            "attempt 1's agent, orphaned by the killed runner, is ended by the runner that took over\n"
                + second.log())
        .isEmpty();
    assertThat(second.awaitExit(EXIT)).as(second.log()).isZero();

    List<JsonNode> events = resumedAtExecuteAttemptTwo(second);
    assertThat(ofType(events, "lease_expired")).as(describe(events)).hasSize(1);
    project.assertNoAgentLeft("after the drain");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void
      theSameCommissionSubmittedAgainWhileExecuteIsSilentChangesNothingAndExecuteGoesOnAtAttemptTwo()
          throws Exception {
    project.configure(AGENT, Tuning.standard().stallTimeout("5s"));
    commissionFile = project.commission("wc-a");
    SleighProcess runner = project.runner("runner-1", "--drain");
    startAndReachSilentAttemptOne(runner);

    List<JsonNode> before = project.events("wc-a");
    SleighProject.Cli again =
        project.cli("commission", "create", "-f", commissionFile.toString(), "--json");
    assertThat(again.exit()).as(again.err()).isZero();
    JsonNode intake = again.json().path("commissions").path(0);
    assertThat(intake.path("id").asText()).isEqualTo("wc-a");
    assertThat(intake.path("created").asBoolean()).as(again.out()).isFalse();
    assertThat(intake.path("state").asText()).isEqualTo("running");
    List<JsonNode> after = project.events("wc-a");
    assertThat(after)
        .as("a re-submission appends nothing:" + describe(after))
        .hasSameSizeAs(before);
    JsonNode show = project.show("wc-a");
    assertThat(show.path("phase").asText()).isEqualTo("execute");
    assertThat(show.path("attempt").asInt()).isEqualTo(1);

    runner.awaitLine(Pattern.compile("wc-a: execute attempt 1 failed: stalled"), LINE);
    runner.awaitLine(ATTEMPT_2_STARTED, LINE);
    assertThat(runner.awaitExit(EXIT)).as(runner.log()).isZero();

    List<JsonNode> events = resumedAtExecuteAttemptTwo(runner);
    assertThat(ofType(events, "intake_conflict")).as(describe(events)).isEmpty();
    assertThat(ofType(events, "phase_failed", "execute"))
        .as(describe(events))
        .singleElement()
        .satisfies(e -> assertThat(e.path("data").path("reason").asText()).isEqualTo("stalled"));
    project.assertNoAgentLeft("after the drain");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void
      aRunnerStoppedGracefullyWhileExecuteIsSilentReleasesTheLeaseAndTheNextRunIsExecuteAttemptTwo()
          throws Exception {
    project.configure(AGENT, Tuning.standard().stallTimeout("60s"));
    commissionFile = project.commission("wc-a");
    SleighProcess first = project.runner("runner-1");
    List<ProcessHandle> attempt1 = startAndReachSilentAttemptOne(first);

    first.term();
    assertThat(first.awaitExit(Duration.ofSeconds(35))).as(first.log()).isZero();
    assertThat(AgentProcesses.awaitGone(attempt1, Duration.ofSeconds(2)))
        .as("a graceful shutdown stops its agents\n" + first.log())
        .isEmpty();
    JsonNode released = project.show("wc-a");
    assertThat(released.path("state").asText()).isEqualTo("running");
    assertThat(released.path("lease").isNull()).as("lease after shutdown: " + released).isTrue();

    SleighProcess second = project.runner("runner-2", "--drain");
    second.awaitLine(Pattern.compile("wc-a: claimed \\(epoch 2\\)"), LINE);
    second.awaitLine(ATTEMPT_2_STARTED, LINE);
    assertThat(second.awaitExit(EXIT)).as(second.log()).isZero();

    List<JsonNode> events = resumedAtExecuteAttemptTwo(second);
    assertThat(ofType(events, "released")).as(describe(events)).hasSize(1);
    assertThat(ofType(events, "lease_expired")).as(describe(events)).isEmpty();
    assertThat(ofType(events, "phase_failed")).as(describe(events)).isEmpty();
    project.assertNoAgentLeft("after the drain");
  }

  /** What every way must show once the commission has completed. */
  private List<JsonNode> resumedAtExecuteAttemptTwo(SleighProcess last) throws Exception {
    List<JsonNode> events = project.events("wc-a");
    String history = describe(events) + "\n" + last.log();
    assertThat(project.show("wc-a").path("state").asText()).as(history).isEqualTo("completed");
    assertThat(events).as(history).allMatch(e -> e.path("generation").asInt() == 1);
    assertThat(ofType(events, "phase_started", "preflight")).as(history).hasSize(1);
    assertThat(ofType(events, "phase_passed", "preflight")).as(history).hasSize(1);
    assertThat(ofType(events, "phase_started", "execute").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(1, 2);
    assertThat(ofType(events, "phase_passed", "execute").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(2);
    assertThat(project.runnerLines())
        .as(history)
        .filteredOn(l -> l.contains("wc-a: preflight attempt"))
        .hasSize(1);
    Path workspace = project.workspace("wc-a");
    assertThat(workspace.resolve("src/attempt1.txt"))
        .as("what attempt 1 wrote is still there")
        .exists();
    assertThat(Files.readString(workspace.resolve("src/attempt1.txt"))).isEqualTo("first\n");
    assertThat(workspace.resolve("src/attempt2.txt")).exists();
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    return events;
  }
}
