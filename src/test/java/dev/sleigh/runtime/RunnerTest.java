package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.process.Liveness;
import dev.sleigh.store.RuntimeRun;
import dev.sleigh.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner's tick against a real store, real git and a real agent process, on a test clock. */
class RunnerTest extends StoreAndRepoTest {
  static final Duration TTL = Duration.ofSeconds(3);

  Runner runner(List<String> agentArgv) {
    return TestRunners.commandRunner(
        store, clock, dir.resolve("home"), agentArgv, TTL, Duration.ofMinutes(10));
  }

  Commission commission(String id) {
    return Fixtures.onRepo(id, revision, repo);
  }

  /** A commission a runner that then died took past preflight: running, lease held, not renewed. */
  void runningUnderADeadRunner(String id) {
    store.intake(commission(id), "c").orThrow();
    var claimed =
        store
            .claim(new Claim("dead", TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, id))
            .orElseThrow();
    LeaseToken lease = claimed.token();
    store.execute(new Command.PhaseStarted(id, lease, "s", Phase.PREFLIGHT, 1)).orThrow();
    store.execute(new Command.PhasePassed(id, lease, "p", Phase.PREFLIGHT, 1)).orThrow();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDecisionSupersededWhileRunningBlocksTheCommissionAtRevalidationWithTheCurrentReason()
      throws Exception {
    runningUnderADeadRunner("wc-a");
    store.decisions().add("dec-b", "B", "");
    store.decisions().supersede("dec-a", "dec-b");
    clock.tick(TTL.plusSeconds(1));
    try (Runner runner = runner(List.of("true"))) {
      assertThat(runner.tick()).isEqualTo(1);
      runner.awaitChange(Duration.ofSeconds(20));
      assertThat(runner.inFlight()).isZero();
    }
    var r = store.find("wc-a").orElseThrow();
    assertThat(r.state()).isEqualTo(CommissionState.BLOCKED_STALE);
    assertThat(r.reason()).startsWith("decision_superseded:dec-a by dec-b");
    assertThat(store.events("wc-a", 0))
        .extracting(e -> e.type())
        .contains(EventType.LEASE_EXPIRED, EventType.REVALIDATED)
        .filteredOn(t -> t == EventType.PHASE_PASSED)
        .hasSize(1);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDecisionSupersededBeforePreflightBlocksItThere() throws Exception {
    store.intake(commission("wc-a"), "c").orThrow();
    store.decisions().add("dec-b", "B", "");
    store.decisions().supersede("dec-a", "dec-b");
    try (Runner runner = runner(List.of("true"))) {
      runner.tick();
      runner.awaitChange(Duration.ofSeconds(20));
    }
    var r = store.find("wc-a").orElseThrow();
    assertThat(r.state()).isEqualTo(CommissionState.BLOCKED_STALE);
    assertThat(store.events("wc-a", 0))
        .filteredOn(e -> e.type() == EventType.BLOCKED)
        .singleElement()
        .satisfies(e -> assertThat(e.phase()).isEqualTo(Phase.PREFLIGHT));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aCancelReachesTheAgentAtTheNextHeartbeatAndNothingMoreIsWritten() throws Exception {
    Path fifo = dir.resolve("started.fifo");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS);
    Path script = dir.resolve("agent.sh");
    Files.writeString(script, "#!/bin/bash\necho started > " + fifo + "\nexec sleep 600\n");
    script.toFile().setExecutable(true);
    store.intake(commission("wc-a"), "c").orThrow();
    List<Map<String, Object>> log = new CopyOnWriteArrayList<>();
    try (Runner runner =
        TestRunners.commandRunner(
            store,
            clock,
            dir.resolve("home"),
            List.of(script.toString()),
            TTL,
            Duration.ofMinutes(10),
            100_000_000L,
            log::add)) {
      runner.tick();
      assertThat(CompletableFuture.supplyAsync(() -> read(fifo)).get(30, TimeUnit.SECONDS))
          .isEqualTo("started");
      store.execute(new Command.Cancel("wc-a", "op", "not needed")).orThrow();
      assertThat(store.find("wc-a").orElseThrow().state()).isEqualTo(CommissionState.CANCELLED);
      int events = store.events("wc-a", 0).size();
      clock.tick(TTL);
      runner.tick();
      runner.awaitChange(Duration.ofSeconds(20));
      assertThat(runner.inFlight()).isZero();
      assertThat(store.events("wc-a", 0)).hasSize(events);
    }
    // whoever lists runs in flight hears that this one ended, though nothing was written
    assertThat(log.getLast())
        .containsEntry("event", "run_ended")
        .containsEntry("commission", "wc-a")
        .extractingByKey("data")
        .asString()
        .contains("lost");
    RuntimeRun.AgentProcessRef agent = store.runs("wc-a").getFirst().agent();
    assertThat(agent).isNotNull();
    assertThat(ProcessHandle.of(agent.pid()).map(Liveness::running).orElse(false)).isFalse();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aCommissionClaimedAgainWhileItsFencedRunStillStopsKeepsItsNewLeaseRenewed()
      throws Exception {
    Path fifo = dir.resolve("started.fifo");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS);
    Path script = dir.resolve("agent.sh");
    Files.writeString(script, "#!/bin/bash\necho started > " + fifo + "\nexec sleep 600\n");
    script.toFile().setExecutable(true);
    store.intake(commission("wc-a"), "c").orThrow();
    try (Runner runner = runner(List.of(script.toString()))) {
      runner.tick();
      assertThat(CompletableFuture.supplyAsync(() -> read(fifo)).get(30, TimeUnit.SECONDS))
          .isEqualTo("started");
      // another runner takes the lease over once it expired, and lets it go at once
      clock.tick(TTL.plusSeconds(1));
      var other =
          store
              .claim(new Claim("other", TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, "wc-a"))
              .orElseThrow();
      store.execute(new Command.Release("wc-a", other.token(), "r", "test")).orThrow();

      // the heartbeat fences the first run, and the claim that follows takes wc-a again
      assertThat(runner.tick()).isEqualTo(1);
      assertThat(CompletableFuture.supplyAsync(() -> read(fifo)).get(30, TimeUnit.SECONDS))
          .isEqualTo("started");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (runner.inFlight() > 1) {
        assertThat(System.nanoTime()).as("the fenced run did not end").isLessThan(deadline);
        runner.awaitChange(Duration.ofMillis(200));
      }

      clock.tick(Duration.ofSeconds(2));
      runner.tick();
      var lease = (Lease.Held) store.find("wc-a").orElseThrow().lease();
      assertThat(lease.epoch()).isEqualTo(3);
      assertThat(lease.expiresAt())
          .as("the new run's lease was renewed after the old run ended")
          .isEqualTo(clock.instant().plus(TTL));
      runner.shutdown(Duration.ofSeconds(10));
    }
  }

  private static String read(Path fifo) {
    try {
      return Files.readString(fifo).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
