package dev.sleigh.runtime.phase;

import dev.sleigh.workspace.Workspace;
import java.util.List;
import java.util.Optional;

/**
 * The commission's workspace as the steps use it: made ready holding the work so far, checkpointed
 * after each turn and when execute passes, and asked what changed. The real one is git on this
 * host's disk with checkpoints in the store; a step's test hands in one held in memory.
 */
public interface Workbench {
  /**
   * The workspace, holding the latest checkpoint when there is one. {@code exact}: it must hold
   * exactly that tree (a phase after execute), not only have been left at it by this host. Throws
   * {@code WorkspaceException} when it cannot be made, {@code BaseCommitMissingException} when the
   * work stands on a commit this host's repository lacks.
   */
  Workspace ready(boolean exact);

  /** Removes the workspace, so the next attempt makes it again. */
  void remove();

  /** After turn {@code turn}: the workspace stored as a checkpoint; else why the attempt ends. */
  Optional<PhaseResult> afterTurn(Workspace ws, int attempt, int turn);

  /** Execute passes with its workspace as a checkpoint; a failure when it cannot be taken. */
  PhaseResult passed(Workspace ws);

  /** The paths changed since the workspace was made. */
  List<String> changed(Workspace ws);

  /** The workspace's change as a patch. */
  String patch(Workspace ws);
}
