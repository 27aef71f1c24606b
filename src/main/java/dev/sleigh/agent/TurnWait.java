package dev.sleigh.agent;

import dev.sleigh.process.Watchdog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Waits for one turn's process to exit while the {@link Watchdog} watches its limits on a platform
 * thread of its own: a stall, the turn timeout or a cancel ends the wait, stops the whole tree
 * within the cancel grace and becomes the turn's outcome; if this thread is late to do it, the
 * watchdog kills the tree itself once the grace is over. An interrupt stops the tree too, then
 * propagates.
 */
public final class TurnWait {
  /** How long output may take to drain after the exit (a background child may hold the pipe). */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(1);

  /**
   * Beyond the turn timeout and the grace, how long the wait goes on if the watchdog never fires.
   */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  private final InstantSource clock;
  private final SessionSpec.Timeouts timeouts;
  private final CompletableFuture<?> cancel;
  private final Watchdog watchdog;

  public TurnWait(InstantSource clock, SessionSpec.Timeouts timeouts, CompletableFuture<?> cancel) {
    this(clock, timeouts, cancel, Watchdog.shared());
  }

  public TurnWait(
      InstantSource clock,
      SessionSpec.Timeouts timeouts,
      CompletableFuture<?> cancel,
      Watchdog watchdog) {
    this.clock = clock;
    this.timeouts = timeouts;
    this.cancel = cancel;
    this.watchdog = watchdog;
  }

  /** Runs the wait; {@code onExit} turns an exit code into the outcome. */
  public TurnOutcome await(AgentProcess process, StallWatch watch, IntFunction<TurnOutcome> onExit)
      throws InterruptedException {
    Instant turnDeadline = clock.instant().plus(timeouts.turn());
    try (Watchdog.Watch<TurnOutcome> limits =
        watchdog.watch(
            process.child(), timeouts.cancelGrace(), () -> reached(process, watch, turnDeadline))) {
      if (!exitOrLimit(process, limits)) {
        return stopped(process, new TurnOutcome.TimedOut(timeouts.turn()));
      }
      if (limits.fired().isDone()) {
        return stopped(process, limits.fired().join());
      }
      process.awaitOutput(DRAIN_LIMIT);
      return onExit.apply(process.exitCode());
    } catch (InterruptedException e) {
      process.stop(timeouts.cancelGrace());
      throw e;
    }
  }

  /** The limit the turn has reached, if any; asked on the watchdog's thread. */
  private Optional<TurnOutcome> reached(
      AgentProcess process, StallWatch watch, Instant turnDeadline) {
    if (cancel.isDone()) {
      return Optional.of(new TurnOutcome.Cancelled());
    }
    if (!process.isAlive()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (watch.stalled(now, timeouts.stall())) {
      return Optional.of(new TurnOutcome.Stalled(watch.silence(now)));
    }
    if (!now.isBefore(turnDeadline)) {
      return Optional.of(new TurnOutcome.TimedOut(timeouts.turn()));
    }
    return Optional.empty();
  }

  /** Waits for the exit or a limit; false only if neither came long after the turn timeout. */
  private boolean exitOrLimit(AgentProcess process, Watchdog.Watch<TurnOutcome> limits)
      throws InterruptedException {
    Duration bound = timeouts.turn().plus(timeouts.cancelGrace()).plus(MARGIN);
    try {
      CompletableFuture.anyOf(process.onExit(), limits.fired())
          .get(bound.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  private TurnOutcome stopped(AgentProcess process, TurnOutcome outcome) {
    process.stop(timeouts.cancelGrace());
    return outcome;
  }
}
