package dev.sleigh.view;

import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Safeguards;
import java.time.Duration;
import java.util.Objects;

/**
 * What status is judged by besides the store and the clock: the lease ttl (a runner whose heartbeat
 * is older than twice that is stale) and the human gate (an approval request older than its {@code
 * escalateAfter} is escalated, one older than its {@code expireAfter} is past expiry) and the retry
 * budget (which one a recent failure ran out). Every surface that shows status takes the same
 * settings from the same configuration.
 */
public record StatusSettings(Duration leaseTtl, Safeguards.HumanGate human, RetryPolicy retry) {
  public StatusSettings {
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(human, "human");
    Objects.requireNonNull(retry, "retry");
  }

  /** With the default retry budget, which recent failures are judged against. */
  public StatusSettings(Duration leaseTtl, Safeguards.HumanGate human) {
    this(leaseTtl, human, RetryPolicy.DEFAULT);
  }

  /** {@code leaseTtl} with the default human gate: for a surface given no configuration. */
  public static StatusSettings withDefaultGate(Duration leaseTtl) {
    return new StatusSettings(leaseTtl, Safeguards.HumanGate.DEFAULT);
  }
}
