package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.workspace.BaseCommitMissingException;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.WorkspaceException;

/**
 * The change a completing commission is measured by ({@link DiffStat}) and delivered as ({@link
 * AutoApply}), read from the store and git once for both: what it is does not change in between.
 */
final class CompletedChange {
  private final RunnerContext ctx;
  private final CommissionRecord record;
  private Diffs.Snapshot snapshot;
  private RuntimeException failure;

  CompletedChange(RunnerContext ctx, CommissionRecord record) {
    this.ctx = ctx;
    this.record = record;
  }

  /**
   * The change (see {@link AutoApply#change}); why it cannot be read, thrown again on every call.
   */
  Diffs.Snapshot get() {
    if (snapshot == null && failure == null) {
      try {
        snapshot = AutoApply.change(ctx, record);
      } catch (WorkspaceException | BaseCommitMissingException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return snapshot;
  }
}
