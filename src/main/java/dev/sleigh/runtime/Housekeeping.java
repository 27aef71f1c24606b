package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Durations;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommissionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time-based housekeeping of one {@link Runner#tick()}, in one step: the store's sweep (leases
 * whose holder stopped heartbeating, commissions past their deadline or their dependencies) and
 * approval requests that waited longer than {@code gates.human.expire_after}, so nothing waits
 * forever. The sweep's statements stay behind the store's port.
 */
final class Housekeeping {
  private final RunnerContext ctx;

  Housekeeping(RunnerContext ctx) {
    this.ctx = ctx;
  }

  /** Sweeps, then rejects the approvals that expired by {@code now}; returns what the sweep did. */
  CommissionStore.SweepReport run(Instant now) {
    var swept = ctx.store().sweep(ctx.settings().retry());
    expireApprovals(now);
    return swept;
  }

  private void expireApprovals(Instant now) {
    Duration limit = ctx.settings().safeguards().human().expireAfter();
    for (var r : ctx.store().list(Optional.of(CommissionState.WAITING_HUMAN))) {
      if (!r.updatedAt().plus(limit).isAfter(now)) {
        ctx.store()
            .execute(
                new Command.Reject(
                    r.id(),
                    "sweep:approval_expired:" + r.generation() + ":" + r.lastSeq(),
                    "approval_expired: no decision within " + Durations.format(limit)));
      }
    }
  }
}
