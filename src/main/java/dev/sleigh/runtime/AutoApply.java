package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.workspace.BaseCommitMissingException;
import dev.sleigh.workspace.DeliveryOutcome;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.WorkspaceException;
import java.util.Map;

/**
 * {@code delivery_policy: auto_apply_on_pass}: the change committed to the target at completion.
 */
final class AutoApply {
  private final RunnerContext ctx;
  private final CommissionRecord record;
  private final Journal journal;
  private final int attempt;

  AutoApply(RunnerContext ctx, CommissionRecord record, Journal journal, int attempt) {
    this.ctx = ctx;
    this.record = record;
    this.journal = journal;
    this.attempt = attempt;
  }

  /**
   * What auto-apply did: the change is on its branch, or why it is not (and the state to end in).
   */
  sealed interface Delivery {
    /** The change committed to the target repository; {@code created}: the branch is new. */
    record Applied(String branch, String commit, boolean created) implements Delivery {}

    /** {@code state} null: a final failure; otherwise the blocked state to end in. */
    record NotApplied(CommissionState state, String reason) implements Delivery {}
  }

  /**
   * {@code auto_apply_on_pass}: commits the workspace's change to the target repository on {@code
   * sleigh/<id>} and records the commit as evidence. A target that stands in the way blocks the
   * commission {@code blocked_conflict}, keeping the work and its evidence.
   */
  Delivery deliver(CompletedChange completed) {
    Diffs.Snapshot change;
    try {
      change = completed.get();
    } catch (WorkspaceException | BaseCommitMissingException e) {
      // A change that cannot be loaded onto its base is a diff that does not apply.
      var refused = ChangeDelivery.refused(DeliveryOutcome.Refusal.APPLY_CONFLICT, e.getMessage());
      return new Delivery.NotApplied(refused.meaning().runnerBlocksIn(), refused.reason());
    }
    return switch (new ChangeDelivery(ctx.workspaces().git())
        .deliver(record.spec(), change, null)) {
      case ChangeDelivery.Outcome.Applied(var a) -> {
        journal.write(
            new Command.RecordEvidence(
                record.id(),
                journal.lease(),
                journal.commandId(Phase.MEASURE, attempt, "delivery"),
                Phase.MEASURE,
                attempt,
                "delivery",
                Map.of(
                    "branch",
                    a.branch(),
                    "commit",
                    a.commit(),
                    "base_commit",
                    a.baseCommit(),
                    "created",
                    a.created())));
        yield new Delivery.Applied(a.branch(), a.commit(), a.created());
      }
      case ChangeDelivery.Outcome.Refused r ->
          new Delivery.NotApplied(r.meaning().runnerBlocksIn(), r.reason());
    };
  }
}
