package dev.sleigh.agent;

import static dev.sleigh.agent.FakeAgents.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.process.Watchdog;
import dev.sleigh.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn's limits are decided by the watchdog's tick against the session's clock, not by the
 * waiting thread: a test clock and a hand-driven watchdog make every ending exact.
 */
@Timeout(60)
class TurnWaitTest {
  private static final SessionSpec.Timeouts LIMITS =
      new SessionSpec.Timeouts(
          Duration.ofSeconds(40), Duration.ofMinutes(10), Duration.ofMillis(500));

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Watchdog watchdog = new Watchdog();
  private final CompletableFuture<Void> cancel = new CompletableFuture<>();
  private final StallWatch watch = new StallWatch(clock);
  private AgentProcess process;

  @AfterEach
  void cleanUp() {
    watchdog.close();
    if (process != null) {
      process.close();
    }
  }

  private CompletableFuture<TurnOutcome> waitFor(String body) throws Exception {
    Path program = script(dir, "agent.sh", body);
    process =
        AgentProcess.start(
            new ProcessLaunch(
                List.of(program.toString()), dir, Map.of(), "", dir.resolve("a.log"), true),
            line -> watch.touch());
    TurnWait wait = new TurnWait(clock, LIMITS, cancel, watchdog);
    CompletableFuture<TurnOutcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return wait.await(
                    process, watch, code -> new TurnOutcome.Failed("exit_code:" + code, true));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    awaitWatched(outcome);
    return outcome;
  }

  /** The clock must not move before the wait has registered its watch (or already ended). */
  private void awaitWatched(CompletableFuture<TurnOutcome> outcome) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (watchdog.open() == 0 && !outcome.isDone()) {
      assertThat(System.nanoTime()).as("the wait never started watching").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void aSilentAgentStallsOnTheFirstTickAfterTheStallTimeoutAndItsTreeIsStopped() throws Exception {
    CompletableFuture<TurnOutcome> outcome = waitFor("trap '' TERM; sleep 600 & wait");

    clock.tick(Duration.ofSeconds(39));
    watchdog.tick();
    assertThat(outcome).isNotDone();

    clock.tick(Duration.ofSeconds(1));
    watchdog.tick();
    TurnOutcome ended = outcome.get(20, TimeUnit.SECONDS);

    assertThat(ended).isEqualTo(new TurnOutcome.Stalled(Duration.ofSeconds(40)));
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void aCancelEndsTheTurnAtTheNextTick() throws Exception {
    CompletableFuture<TurnOutcome> outcome = waitFor("exec sleep 600");
    cancel.complete(null);
    watchdog.tick();
    assertThat(outcome.get(20, TimeUnit.SECONDS)).isEqualTo(new TurnOutcome.Cancelled());
  }

  @Test
  void anAgentThatKeepsTalkingReachesTheTurnTimeoutInstead() throws Exception {
    CompletableFuture<TurnOutcome> outcome = waitFor("exec sleep 600");
    for (int step = 1; step < 20; step++) {
      clock.tick(Duration.ofSeconds(30));
      watch.touch();
      watchdog.tick();
      assertThat(outcome).as("after %d s", step * 30).isNotDone();
    }
    clock.tick(Duration.ofSeconds(30));
    watch.touch();
    watchdog.tick();
    assertThat(outcome.get(20, TimeUnit.SECONDS))
        .isEqualTo(new TurnOutcome.TimedOut(Duration.ofMinutes(10)));
  }

  @Test
  void anExitBeforeAnyLimitIsTheTurnsOutcome() throws Exception {
    CompletableFuture<TurnOutcome> outcome = waitFor("exit 3");
    assertThat(outcome.get(20, TimeUnit.SECONDS))
        .isEqualTo(new TurnOutcome.Failed("exit_code:3", true));
  }
}
