package dev.sleigh.runtime.phase;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.workspace.BaseCommitMissingException;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the workspace ready for a step, with its after-create hook run once when this made it. A
 * hook that failed, or was stopped by a shutdown, leaves the workspace removed so the next attempt
 * makes it, and runs the hook, again; one stopped because the lease is gone leaves it to the
 * lease's new holder.
 */
final class WorkspaceReady {
  private final Workbench bench;
  private final StepHooks hooks;
  private final PhaseJournal journal;
  private final Cancellation cancellation;

  WorkspaceReady(
      Workbench bench, StepHooks hooks, PhaseJournal journal, Cancellation cancellation) {
    this.bench = bench;
    this.hooks = hooks;
    this.journal = journal;
    this.cancellation = cancellation;
  }

  /** A workspace, or why the attempt ends without one. */
  sealed interface Readiness {
    record Ready(Workspace workspace) implements Readiness {}

    record NotReady(PhaseResult result) implements Readiness {}
  }

  /** {@code exact}: see {@link Workbench#ready}. */
  Readiness prepare(boolean exact, Path log) throws InterruptedException {
    try {
      return new Readiness.Ready(prepared(exact, log));
    } catch (WorkspaceException e) {
      // A run cancelled, or one that lost its lease meanwhile, only stops.
      return new Readiness.NotReady(
          cancellation.isCancelled() || journal.isLost()
              ? new PhaseResult.Stopped(e.getMessage())
              : new PhaseResult.Failed("workspace: " + e.getMessage(), e.retryable()));
    } catch (BaseCommitMissingException e) {
      return new Readiness.NotReady(baseMissing(e));
    }
  }

  private Workspace prepared(boolean exact, Path log) throws InterruptedException {
    Workspace ws = bench.ready(exact);
    if (!ws.created()) {
      return ws;
    }
    Optional<PhaseResult> hook = hooks.at(Safeguards.HookPoint.AFTER_CREATE, ws.path(), log);
    if (hook.orElse(null) instanceof PhaseResult.Failed f) {
      bench.remove();
      throw new WorkspaceException(f.reason(), true);
    }
    if (hook.orElse(null) instanceof PhaseResult.Stopped stopped) {
      if (!journal.isLost()) {
        bench.remove();
      }
      throw new WorkspaceException(stopped.reason(), true);
    }
    return ws;
  }

  /**
   * The work to restore stands on a base commit this host's repository lacks: nothing may run on a
   * tree without it, and waiting does not fetch it.
   */
  private static PhaseResult baseMissing(BaseCommitMissingException e) {
    return new PhaseResult.Blocked(
        CommissionState.BLOCKED_CONFLICT,
        "checkpoint_base_missing: the work stands on commit "
            + e.commit()
            + ", which the repository "
            + e.repository()
            + " here does not have; fetch it there, or requeue to start over");
  }
}
