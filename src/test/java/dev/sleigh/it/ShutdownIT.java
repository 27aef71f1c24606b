package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import dev.sleigh.testkit.GitRepos;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM: the runner stops its agents, even deaf ones (SIGTERM, the cancel grace, SIGKILL), keeps
 * its leases alive while it does, releases them and exits in the time operators are promised.
 */
class ShutdownIT extends ProjectTest {
  /** Busy with output, deaf to SIGTERM (and so are its children). */
  private static final String DEAF_AGENT =
      """
      trap '' TERM
      beacon "working $SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT $$"
      while true; do echo tick; sleep 0.2; done
      """;

  /** What operators are promised for a graceful shutdown. */
  private static final Duration PROMISED = Duration.ofSeconds(30);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sigtermStopsAgentsThatIgnoreItKeepsTheLeasesUntilItReleasesThemAndExitsInTime()
      throws Exception {
    // A grace longer than the lease: stopping deaf agents outlasts any lease not heartbeaten
    // meanwhile.
    List<String> announced = new ArrayList<>();
    SleighProcess runner = twoDeafAgentsWorking("3s", announced);
    List<ProcessHandle> agents = AgentProcesses.of(project.dir, announced);
    assertThat(agents).as(runner.log()).isNotEmpty();

    long signalled = System.nanoTime();
    runner.term();
    assertThat(runner.awaitExit(PROMISED)).as(runner.log()).isZero();
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);
    List<ProcessHandle> survivors = AgentProcesses.awaitGone(agents, Duration.ofSeconds(2));
    assertThat(survivors)
        .as(
            "agents %s after SIGTERM:%s\n%s",
            took, AgentProcesses.describe(survivors), runner.log())
        .isEmpty();
    project.assertNoAgentLeft("after the shutdown");

    Map<String, String> after = new TreeMap<>();
    StringBuilder histories = new StringBuilder();
    for (String id : List.of("wc-a", "wc-b")) {
      List<JsonNode> events = project.events(id);
      JsonNode show = project.show(id);
      after.put(
          id,
          show.path("state").asText()
              + ", lease "
              + (show.path("lease").isNull() ? "free" : "held")
              + ", last event "
              + events.getLast().path("type").asText()
              + ", phase failures "
              + ofType(events, "phase_failed").count());
      histories.append(id).append(':').append(describe(events)).append('\n');
    }
    assertThat(after)
        .as(
            "each commission after the shutdown, kept running with its lease released and"
                + " no attempt spent\n"
                + histories
                + runner.log())
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "wc-a", "running, lease free, last event released, phase failures 0",
                    "wc-b", "running, lease free, last event released, phase failures 0")));
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aSecondSigtermEndsTheRunnerAtOnceAndKillsEveryAgentTreeFirst() throws Exception {
    // A grace far longer than the test: only the second signal can end these agents in time.
    List<String> announced = new ArrayList<>();
    SleighProcess runner = twoDeafAgentsWorking("60s", announced);
    List<ProcessHandle> agents = AgentProcesses.of(project.dir, announced);
    assertThat(agents).as(runner.log()).isNotEmpty();

    runner.term();
    runner.awaitLine(Pattern.compile("sleigh: shutting down"), LINE);
    runner.term();

    assertThat(runner.awaitExit(Duration.ofSeconds(20))).as(runner.log()).isEqualTo(130);
    List<ProcessHandle> survivors = AgentProcesses.awaitGone(agents, Duration.ofSeconds(2));
    assertThat(survivors)
        .as(
            "agents after the second SIGTERM:%s\n%s",
            AgentProcesses.describe(survivors), runner.log())
        .isEmpty();
    project.assertNoAgentLeft("after the second signal");
  }

  /** A runner with two deaf agents at work, in two repositories, with {@code grace} to stop. */
  /** Starts two deaf agents; adds what each announced on the beacon to {@code announced}. */
  private SleighProcess twoDeafAgentsWorking(String grace, List<String> announced)
      throws Exception {
    project.configure(DEAF_AGENT, Tuning.standard().cancelGrace(grace));
    // two repositories: two worktrees made at once in one repository can fail (reported apart)
    GitRepos.create(project.dir.resolve("repo-b"));
    project.commission("wc-a");
    project.commission("wc-b", "repo-b");
    SleighProcess runner = project.runner("runner-1", "--concurrency", "2");
    announced.add(project.beacon.await(Pattern.compile("^working wc-[ab] 1 "), LINE));
    announced.add(project.beacon.await(Pattern.compile("^working wc-[ab] 1 "), LINE));
    return runner;
  }
}
