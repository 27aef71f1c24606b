package dev.sleigh.agent;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Waits for one turn's process to exit, waking at the earlier of the stall and the turn deadline; a
 * stall, a timeout or a cancel stops the whole tree within the cancel grace and becomes the turn's
 * outcome. An interrupt stops the tree too, then propagates.
 */
public final class TurnWait {
  /** How long output may take to drain after the exit (a background child may hold the pipe). */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(1);

  private static final Duration MIN_WAKE = Duration.ofMillis(5);

  private final InstantSource clock;
  private final SessionSpec.Timeouts timeouts;
  private final CompletableFuture<?> cancel;

  public TurnWait(InstantSource clock, SessionSpec.Timeouts timeouts, CompletableFuture<?> cancel) {
    this.clock = clock;
    this.timeouts = timeouts;
    this.cancel = cancel;
  }

  /** Runs the wait loop; {@code onExit} turns an exit code into the outcome. */
  public TurnOutcome await(AgentProcess process, StallWatch watch, IntFunction<TurnOutcome> onExit)
      throws InterruptedException {
    Instant turnDeadline = clock.instant().plus(timeouts.turn());
    try {
      while (true) {
        if (cancel.isDone()) {
          return stopped(process, new TurnOutcome.Cancelled());
        }
        if (!process.isAlive()) {
          process.awaitOutput(DRAIN_LIMIT);
          return onExit.apply(process.exitCode());
        }
        Instant now = clock.instant();
        if (watch.stalled(now, timeouts.stall())) {
          return stopped(process, new TurnOutcome.Stalled(watch.silence(now)));
        }
        if (!now.isBefore(turnDeadline)) {
          return stopped(process, new TurnOutcome.TimedOut(timeouts.turn()));
        }
        Instant wake = earlier(watch.deadline(timeouts.stall()), turnDeadline);
        exitOrCancel(process, Duration.between(now, wake));
      }
    } catch (InterruptedException e) {
      process.stop(timeouts.cancelGrace());
      throw e;
    }
  }

  private TurnOutcome stopped(AgentProcess process, TurnOutcome outcome) {
    process.stop(timeouts.cancelGrace());
    return outcome;
  }

  private void exitOrCancel(AgentProcess process, Duration limit) throws InterruptedException {
    long nanos = Math.max(MIN_WAKE.toNanos(), limit.toNanos());
    try {
      CompletableFuture.anyOf(process.onExit(), cancel).get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // a deadline came first, or the cancel future failed; the loop looks at the state again
    }
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
