package dev.sleigh.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** The retry budget of SPEC §3.4, per generation. */
public record RetryPolicy(
    int maxAttemptsPerPhase,
    int maxAttemptsTotal,
    Duration backoffBase,
    Duration backoffMax,
    int maxLeaseExpiries) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, 8, Duration.ofSeconds(10), Duration.ofSeconds(300), 3);

  public RetryPolicy {
    if (maxAttemptsPerPhase < 1 || maxAttemptsTotal < 1 || maxLeaseExpiries < 1) {
      throw new IllegalArgumentException("retry: attempt and expiry limits must be at least 1");
    }
    if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("retry: backoff_max must be at least backoff_base");
    }
  }

  /** {@code min(base * 2^(attempt-1), max)} with ±20% jitter drawn from {@code random}. */
  public Duration backoff(int attempt, RandomGenerator random) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long baseMs = backoffBase.toMillis();
    long raw = baseMs > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMs << shift;
    long capped = Math.min(raw, backoffMax.toMillis());
    double jitter = 0.8 + 0.4 * random.nextDouble();
    return Duration.ofMillis(Math.round(capped * jitter));
  }

  /**
   * Whether one more failure, after {@code phaseFailures} of this phase and {@code total}, ends it.
   */
  public boolean exhaustedBy(int phaseFailuresBefore, int totalFailuresBefore) {
    return phaseFailuresBefore + 1 >= maxAttemptsPerPhase
        || totalFailuresBefore + 1 >= maxAttemptsTotal;
  }
}
