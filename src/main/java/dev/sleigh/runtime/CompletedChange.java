package dev.sleigh.runtime;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.workspace.BaseCommitMissingException;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.nio.file.Path;
import java.util.Optional;

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

  /** The change (see {@link #change}); why it cannot be read, thrown again on every call. */
  Diffs.Snapshot get() {
    if (snapshot == null && failure == null) {
      try {
        snapshot = change(ctx, record);
      } catch (WorkspaceException | BaseCommitMissingException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return snapshot;
  }

  /**
   * What is delivered: the checkpoint execute passed with, exactly, when the store has one (measure
   * may have left files in the workspace that are not the agent's change); else the workspace.
   */
  private static Diffs.Snapshot change(RunnerContext ctx, CommissionRecord record) {
    Workspaces workspaces = ctx.workspaces();
    Optional<CheckpointRef> latest = CheckpointRef.latest(ctx.store().events(record.id(), 0));
    Optional<byte[]> pack =
        latest.flatMap(ref -> ctx.store().checkpointPack(record.id(), ref.commit()));
    if (pack.isEmpty()) {
      return new Diffs(ctx.workspaces().git()).snapshot(workspaces.prepare(record.spec()));
    }
    CheckpointRef ref = latest.get();
    Path repo =
        record.spec().repo().path() != null
            ? Path.of(record.spec().repo().path())
            : workspaces.prepare(record.spec(), ref.base()).path();
    return workspaces.checkpoints().snapshot(repo, WorkspaceSync.of(ref), pack.get());
  }
}
