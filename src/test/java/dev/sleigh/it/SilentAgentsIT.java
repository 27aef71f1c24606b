package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.it.SleighProject.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Agents that never write a byte, in a runner whose virtual threads share one carrier: every one is
 * failed {@code stalled} on time, the runner's heartbeats keep every lease alive meanwhile, and a
 * SIGTERM still ends every agent, even those deaf to it. A runner that read agent output on virtual
 * threads froze here: the blocked reads held the only carrier, so no stall was ever noticed.
 */
class SilentAgentsIT extends ProjectTest {
  private static final int AGENTS = 8;

  private static final Duration STALL = Duration.ofSeconds(5);

  /**
   * The lateness allowed on top of the stall timeout: one tick of a runner at the default {@code
   * poll_interval}, 2 s. The watchdog notices the stall within its 100 ms; what remains is stopping
   * the tree, checking the workspace (three git commands) and writing two records, for eight agents
   * on one carrier, on a machine other tests load too (quiet: 0.1 to 0.3 s; with the test's CPU
   * shared four ways: up to about 2 s). The runner that froze never failed them at all.
   */
  private static final Duration TICK = Duration.ofSeconds(2);

  /**
   * Longer than the lateness allowed: when the runner's own thread cannot stop a stalled agent, the
   * watchdog's backstop kills it only after this grace, so that failure shows as late, not on time.
   */
  private static final String CANCEL_GRACE = "3s";

  /** How long the test waits for all eight to fail: far beyond the promise, to report lateness. */
  private static final Duration ALL_FAILED = Duration.ofSeconds(90);

  /** What operators are promised for a graceful shutdown. */
  private static final Duration PROMISED = Duration.ofSeconds(30);

  /**
   * One virtual-thread carrier and no replacement for a blocked one: a thread that blocks it stops
   * every virtual thread of the runner.
   */
  private static final List<String> ONE_CARRIER =
      List.of(
          "-Djdk.virtualThreadScheduler.parallelism=1",
          "-Djdk.virtualThreadScheduler.maxPoolSize=1");

  /**
   * Silent from the start: no output on stdout or stderr, ever. Once the test has written the file
   * {@code deaf}, the odd-numbered ones ignore SIGTERM too (and so does the sleep they become).
   */
  private static final String SILENT_AGENT =
      """
      if [ -e "$SLEIGH_IT_DIR/deaf" ]; then
        case "$SLEIGH_COMMISSION_ID" in *[13579]) trap '' TERM ;; esac
      fi
      beacon "silent $SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT $$"
      exec sleep 600
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void eightSilentAgentsOnOneCarrierAllStallOnTimeWhileHeartbeatsHoldTheLeasesAndSigtermEndsThem()
      throws Exception {
    // lease_ttl 2s, well under the stall timeout: a heartbeat gap of 2s while the agents are silent
    // lets the observer, sweeping every second, expire a lease. One attempt per phase: a stalled
    // commission fails for good instead of waiting for a retry that the observer could run.
    project.configure(
        SILENT_AGENT,
        Tuning.standard()
            .stallTimeout("5s")
            .cancelGrace(CANCEL_GRACE)
            .concurrency(AGENTS)
            .pollInterval("1s")
            .leaseTtl("2s")
            .maxAttemptsPerPhase(1));
    List<String> ids =
        IntStream.rangeClosed(1, AGENTS).mapToObj(i -> "wc-%d".formatted(i)).toList();
    SleighProcess observer = watchingObserver();
    ids.forEach(project::commission);
    SleighProcess runner = project.runner("runner-a", ONE_CARRIER, "--runner-id", "runner-a");
    for (int i = 0; i < AGENTS; i++) {
      runner.awaitLine(Pattern.compile("wc-\\d: claimed \\(epoch"), LINE);
    }
    // Every commission is runner A's now; the observer sweeps from here on and can claim nothing.
    observer.cont();
    for (int i = 0; i < AGENTS; i++) {
      project.beacon.await(Pattern.compile("^silent wc-\\d 1 "), LINE);
    }
    for (int i = 0; i < AGENTS; i++) {
      runner.awaitLine(Pattern.compile("wc-\\d: execute attempt 1 failed: stalled"), ALL_FAILED);
    }

    assertStalledOnTime(ids, runner, observer);
    observer.term();
    assertThat(observer.awaitExit(PROMISED)).as(observer.log()).isZero();

    sigtermEndsSilentAndDeafAgents(ids, runner);
  }

  /**
   * A second runner on the same store whose sweep would expire any lease of runner A not renewed in
   * time. It is started before there is anything to claim, so that it sweeps through the whole
   * test, and held stopped while the commissions are created and runner A claims every one of them,
   * so that it claims none.
   */
  private SleighProcess watchingObserver() throws Exception {
    SleighProcess observer = project.runner("observer", "--runner-id", "observer");
    observer.awaitLine(Pattern.compile("runner observer started"), LINE);
    project.freezeBetweenTransactions(observer);
    return observer;
  }

  private void assertStalledOnTime(List<String> ids, SleighProcess runner, SleighProcess observer)
      throws IOException {
    Map<String, Instant> started = agentStarts();
    Map<String, String> outcome = new TreeMap<>();
    Map<String, Duration> took = new TreeMap<>();
    StringBuilder histories = new StringBuilder();
    for (String id : ids) {
      List<JsonNode> events = project.events(id);
      histories.append(id).append(':').append(describe(events)).append('\n');
      List<JsonNode> failed = ofType(events, "phase_failed", "execute").toList();
      outcome.put(
          id,
          failed.size()
              + " execute failure(s) "
              + failed.stream().map(e -> e.path("data").path("reason").asText()).toList()
              + ", "
              + ofType(events, "lease_expired").count()
              + " lease expiries");
      if (failed.size() == 1 && started.containsKey(id)) {
        took.put(
            id,
            Duration.between(
                started.get(id), Instant.parse(failed.getFirst().path("at").asText())));
      }
    }
    String context = histories + runner.log() + "\n" + observer.log();
    Map<String, String> expected = new TreeMap<>();
    ids.forEach(id -> expected.put(id, "1 execute failure(s) [stalled], 0 lease expiries"));
    assertThat(outcome)
        .as("each commission: failed stalled once, its lease never expired\n" + context)
        .containsExactlyEntriesOf(expected);
    assertThat(took.keySet()).as("agents started, from the runtime log").containsAll(ids);
    Map<String, Duration> offTime = new TreeMap<>(took);
    offTime.values().removeIf(d -> d.compareTo(STALL) >= 0 && d.compareTo(STALL.plus(TICK)) <= 0);
    assertThat(offTime)
        .as(
            "agent start to phase_failed outside [stall %s, stall + tick %s]; all: %s\n%s",
            STALL, STALL.plus(TICK), took, context)
        .isEmpty();
    System.out.println(getClass().getSimpleName() + ": agent start to phase_failed " + took);
  }

  /** When each commission's execute attempt 1 agent started, from the runtime log. */
  private Map<String, Instant> agentStarts() throws IOException {
    Map<String, Instant> started = new TreeMap<>();
    Path log = project.home().resolve("logs").resolve("runtime.jsonl");
    for (String line : Files.readAllLines(log)) {
      JsonNode record = JSON.readTree(line);
      if (record.path("event").asText().equals("agent_started")
          && record.path("attempt").asInt() == 1) {
        started.putIfAbsent(
            record.path("commission").asText(), Instant.parse(record.path("at").asText()));
      }
    }
    return started;
  }

  /**
   * Requeued, the eight run again, half of them deaf to SIGTERM; runner A's SIGTERM ends every one
   * and it exits within the promise.
   */
  private void sigtermEndsSilentAndDeafAgents(List<String> ids, SleighProcess runner)
      throws Exception {
    project.write("deaf", "");
    for (String id : ids) {
      SleighProject.Cli requeued =
          project.cli("commission", "requeue", id, "--reason", "once more, to be shut down");
      assertThat(requeued.exit()).as(requeued.err()).isZero();
    }
    List<String> announced = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      announced.add(project.beacon.await(Pattern.compile("^silent wc-\\d 1 "), LINE));
    }
    List<ProcessHandle> agents = AgentProcesses.of(project.dir, announced);
    assertThat(agents).as(runner.log()).hasSizeGreaterThanOrEqualTo(AGENTS);

    long signalled = System.nanoTime();
    runner.term();
    assertThat(runner.awaitExit(PROMISED)).as(runner.log()).isZero();
    Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);
    List<ProcessHandle> survivors = AgentProcesses.awaitGone(agents, Duration.ofSeconds(2));
    assertThat(survivors)
        .as(
            "agents %s after SIGTERM:%s\n%s",
            stopped, AgentProcesses.describe(survivors), runner.log())
        .isEmpty();
    project.assertNoAgentLeft("after the shutdown");

    List<String> held = new ArrayList<>();
    for (String id : ids) {
      if (!project.show(id).path("lease").isNull()) {
        held.add(id);
      }
    }
    assertThat(held).as("leases still held after the shutdown\n" + runner.log()).isEmpty();
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
  }
}
