package dev.sleigh.view;

import dev.sleigh.domain.Safeguards;
import java.time.Duration;
import java.util.Objects;

/**
 * What status is judged by besides the store and the clock: the lease ttl (a runner whose heartbeat
 * is older than twice that is stale) and the human gate (an approval request older than its {@code
 * escalateAfter} is escalated, one older than its {@code expireAfter} is past expiry). Every
 * surface that shows status takes the same settings from the same configuration.
 */
public record StatusSettings(Duration leaseTtl, Safeguards.HumanGate human) {
  public StatusSettings {
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(human, "human");
  }

  /** {@code leaseTtl} with the default human gate: for a surface given no configuration. */
  public static StatusSettings withDefaultGate(Duration leaseTtl) {
    return new StatusSettings(leaseTtl, Safeguards.HumanGate.DEFAULT);
  }
}
