package dev.sleigh.runtime;

import dev.sleigh.domain.ByteSizes;
import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.lifecycle.CheckpointPack;
import dev.sleigh.runtime.phase.PhaseResult;
import dev.sleigh.runtime.phase.Workbench;
import dev.sleigh.workspace.Checkpoints;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a commission's work in the store, not only on this host's disk: after every agent turn and
 * when execute passes, the workspace becomes a checkpoint stored with the event that names it;
 * before a phase runs, the workspace is made to hold the latest checkpoint of the generation. A
 * workspace here that already holds it is used as it is (an interrupted turn's uncommitted work
 * included); one that is missing is made at the checkpoint's base commit and restored; a phase
 * after execute always runs on exactly the tree execute passed with.
 */
final class WorkspaceSync implements Workbench {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceSync.class);

  private final RunnerContext ctx;
  private final CommissionRecord record;
  private final Journal journal;
  private final Workspaces workspaces;
  private final Checkpoints checkpoints;
  private Checkpoints.Taken last;
  private String passed;

  WorkspaceSync(RunnerContext ctx, CommissionRecord record, Journal journal) {
    this.ctx = ctx;
    this.record = record;
    this.journal = journal;
    this.workspaces = ctx.workspaces();
    this.checkpoints = workspaces.checkpoints();
  }

  /** The newest checkpoint of the current generation, as the store's events name it. */
  Optional<CheckpointRef> latest() {
    return CheckpointRef.latest(ctx.store().events(record.id(), 0));
  }

  @Override
  public Workspace ready(boolean exact) {
    Optional<CheckpointRef> latest = latest();
    if (latest.isEmpty()) {
      return workspaces.prepare(record.spec());
    }
    CheckpointRef ref = latest.get();
    Workspace ws = workspaces.prepare(record.spec(), ref.base());
    Checkpoints.Checkpoint checkpoint = of(ref);
    boolean held = workspaces.heldCheckpoint(record.id()).filter(ref.commit()::equals).isPresent();
    // The checkpoint this run passed with was taken from this workspace right before: it holds it.
    boolean passedHere = passed != null && passed.equals(ref.commit());
    if (held && (!exact || passedHere || checkpoints.holds(ws, checkpoint))) {
      return ws;
    }
    byte[] pack =
        ctx.store()
            .checkpointPack(record.id(), ref.commit())
            .orElseThrow(
                () ->
                    new WorkspaceException(
                        "checkpoint " + ref.commit() + " is named by the events but not stored",
                        false));
    checkpoints.restore(ws, checkpoint, pack);
    workspaces.markCheckpoint(record.id(), ref.commit());
    LOG.info(
        "{}: workspace restored from checkpoint {} ({})",
        record.id(),
        ref.commit(),
        ByteSizes.format(ref.size()));
    return ws;
  }

  /** The checkpoint is stored with {@code turn_completed}. */
  @Override
  public Optional<PhaseResult> afterTurn(Workspace ws, int attempt, int turn) {
    Optional<PhaseResult> failure = take(ws);
    if (failure.isPresent()) {
      return failure;
    }
    if (!journal.turnCompleted(attempt, turn, pack(last))) {
      return Optional.of(new PhaseResult.Stopped("lease lost after turn " + turn));
    }
    workspaces.markCheckpoint(record.id(), last.checkpoint().commit());
    return Optional.empty();
  }

  @Override
  public PhaseResult passed(Workspace ws) {
    return take(ws).orElseGet(() -> new PhaseResult.Passed(pack(last)));
  }

  @Override
  public void remove() {
    workspaces.remove(
        record.id(),
        record.spec().repo().path() == null ? null : Path.of(record.spec().repo().path()));
  }

  @Override
  public List<String> changed(Workspace ws) {
    return workspaces.changedSince(ws);
  }

  @Override
  public String patch(Workspace ws) {
    Diffs diffs = new Diffs(ctx.workspaces().git());
    return new String(diffs.patch(diffs.snapshot(ws)), StandardCharsets.UTF_8);
  }

  /** Records the pass's checkpoint as held here, once the pass is written. */
  void passWritten(CheckpointPack checkpoint) {
    workspaces.markCheckpoint(record.id(), checkpoint.ref().commit());
    passed = checkpoint.ref().commit();
  }

  private Optional<PhaseResult> take(Workspace ws) {
    try {
      // After the last turn nothing may have changed: its checkpoint is then taken again as is.
      Checkpoints.Taken taken = checkpoints.take(ws, last);
      long limit = ctx.settings().maxCheckpointSize();
      if (taken.size() > limit) {
        return Optional.of(
            new PhaseResult.Failed(
                "checkpoint_too_large: the workspace's change packs to "
                    + ByteSizes.format(taken.size())
                    + ", over workspace.max_checkpoint_size "
                    + ByteSizes.format(limit),
                false));
      }
      last = taken;
      return Optional.empty();
    } catch (WorkspaceException e) {
      return Optional.of(new PhaseResult.Failed("checkpoint: " + e.getMessage(), e.retryable()));
    }
  }

  private static CheckpointPack pack(Checkpoints.Taken taken) {
    Checkpoints.Checkpoint c = taken.checkpoint();
    return new CheckpointPack(
        new CheckpointRef(c.commit(), c.tree(), c.base(), taken.size()), taken.pack());
  }

  static Checkpoints.Checkpoint of(CheckpointRef ref) {
    return new Checkpoints.Checkpoint(ref.commit(), ref.tree(), ref.base());
  }
}
