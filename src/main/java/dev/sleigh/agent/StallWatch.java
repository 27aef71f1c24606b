package dev.sleigh.agent;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers when an agent last showed a sign of life. Reader threads {@link #touch()} it; the
 * waiting thread asks whether the silence has reached the stall timeout.
 */
public final class StallWatch {
  private final InstantSource clock;
  private final AtomicReference<Instant> lastActivity;

  /** Starts watching now: a process that never says anything stalls one limit after its start. */
  public StallWatch(InstantSource clock) {
    this.clock = clock;
    this.lastActivity = new AtomicReference<>(clock.instant());
  }

  public void touch() {
    Instant now = clock.instant();
    lastActivity.accumulateAndGet(now, (a, b) -> a.isAfter(b) ? a : b);
  }

  public Instant lastActivity() {
    return lastActivity.get();
  }

  /** How long the agent has been silent at {@code now}; never negative. */
  public Duration silence(Instant now) {
    Duration silence = Duration.between(lastActivity.get(), now);
    return silence.isNegative() ? Duration.ZERO : silence;
  }

  public boolean stalled(Instant now, Duration limit) {
    return silence(now).compareTo(limit) >= 0;
  }

  /** When the agent counts as stalled if it stays silent from now on. */
  public Instant deadline(Duration limit) {
    return lastActivity.get().plus(limit);
  }
}
