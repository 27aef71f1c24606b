package dev.sleigh.runtime;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.store.Command;
import dev.sleigh.store.RuntimeRun;
import dev.sleigh.store.StoreException;
import dev.sleigh.workspace.BaseCommitMissingException;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The work inside one phase attempt: gates for preflight, the agent for execute, evidence for
 * measure.
 */
final class PhaseWork {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PhaseWork.class);
  private final RunnerContext ctx;
  private final CommissionRecord record;
  private final Journal journal;
  private final PreflightGates gates;
  private volatile AgentSession session;
  private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
  private volatile Phase phase;
  private volatile int attempt;

  private final Set<Phase> approved;
  private final Hooks hooks;
  private final WorkspaceSync sync;

  /** {@code approved}: phases whose human gate an approval of this generation already met. */
  PhaseWork(RunnerContext ctx, CommissionRecord record, Journal journal, Set<Phase> approved) {
    this.ctx = ctx;
    this.approved = approved;
    this.hooks =
        new Hooks(
            ctx.settings().safeguards().hooks(), ctx.settings().timing().cancelGrace(), cancelled);
    this.record = record;
    this.journal = journal;
    this.gates = new PreflightGates(ctx.store().decisions());
    this.sync = new WorkspaceSync(ctx, record, journal);
  }

  /** Execute's pass, with its checkpoint, is written: the workspace here holds that checkpoint. */
  void passWritten(dev.sleigh.store.CheckpointPack checkpoint) {
    sync.passWritten(checkpoint);
  }

  Phase currentPhase() {
    return phase;
  }

  int currentAttempt() {
    return attempt;
  }

  PhaseResult preflightGates() {
    return gates.check(
        record.spec(),
        record.validUntil(),
        ctx.clock().instant(),
        ctx.settings().safeguards().gates().get(Phase.PREFLIGHT));
  }

  PhaseResult run(Phase phase, int attempt) throws InterruptedException {
    this.phase = phase;
    this.attempt = attempt;
    PhaseResult result =
        switch (phase) {
          case PREFLIGHT -> preflightGates();
          case FRAME -> problemCard(Phase.FRAME);
          case EXECUTE -> execute(attempt);
          case MEASURE -> measure(attempt);
        };
    return humanGate(phase, result);
  }

  private Safeguards safeguards() {
    return ctx.settings().safeguards();
  }

  /** {@code problem_card_ref_present}, where a workflow lists it: the commission must name one. */
  private PhaseResult problemCard(Phase p) {
    if (safeguards().has(p, "problem_card_ref_present") && record.spec().problemCardRef() == null) {
      return new PhaseResult.Blocked(
          dev.sleigh.domain.CommissionState.BLOCKED_POLICY, "problem_card_ref_missing");
    }
    return new PhaseResult.Passed();
  }

  private PhaseResult measure(int attempt) throws InterruptedException {
    Workspace ws;
    try {
      ws = prepared(true);
    } catch (WorkspaceException e) {
      return workspaceFailed(e);
    } catch (BaseCommitMissingException e) {
      return baseMissing(e);
    }
    PhaseResult hook =
        hooks.run(
            Safeguards.HookPoint.BEFORE_RUN, ws.path(), logFile(Phase.MEASURE, attempt), journal);
    if (hook != null) {
      return hook;
    }
    PhaseResult result =
        safeguards().has(Phase.MEASURE, "evidence_passed")
            ? new EvidenceChecks(ctx, record.spec(), journal, cancelled).run(ws.path(), attempt)
            : new PhaseResult.Passed();
    PhaseResult after =
        hooks.run(
            Safeguards.HookPoint.AFTER_RUN, ws.path(), logFile(Phase.MEASURE, attempt), journal);
    if (result instanceof PhaseResult.Passed && after != null) {
      return after;
    }
    return result instanceof PhaseResult.Passed ? judged(Phase.MEASURE, ws) : result;
  }

  private PhaseResult judged(Phase p, Workspace ws) {
    if (!safeguards().has(p, "judge")) {
      return new PhaseResult.Passed();
    }
    PhaseResult verdict = new JudgeGate.Rules(safeguards().judge()).judge(ws);
    return verdict == null ? new PhaseResult.Passed() : verdict;
  }

  /**
   * The workspace, with its after-create hook run once when this call made it. A hook that failed,
   * or was stopped by a shutdown, leaves the workspace removed so the next attempt makes it, and
   * runs the hook, again; one stopped because the lease is gone leaves it to the lease's new
   * holder.
   */
  private Workspace prepared(boolean exact) throws InterruptedException {
    Workspace ws = sync.ready(exact);
    if (ws.created()) {
      PhaseResult hook =
          hooks.run(Safeguards.HookPoint.AFTER_CREATE, ws.path(), logFile(phase, attempt), journal);
      if (hook instanceof PhaseResult.Failed f) {
        removeWorkspace();
        throw new WorkspaceException(f.reason(), true);
      }
      if (hook instanceof PhaseResult.Stopped stopped) {
        if (!journal.isLost()) {
          removeWorkspace();
        }
        throw new WorkspaceException(stopped.reason(), true);
      }
    }
    return ws;
  }

  private void removeWorkspace() {
    ctx.workspaces()
        .remove(
            record.id(),
            record.spec().repo().path() == null
                ? null
                : java.nio.file.Path.of(record.spec().repo().path()));
  }

  /**
   * A workspace that could not be made ready fails the attempt, unless the run was cancelled or
   * lost its lease meanwhile: then it only stops.
   */
  /**
   * The work to restore stands on a base commit this host's repository lacks: nothing may run on a
   * tree without it, and waiting does not fetch it.
   */
  private static PhaseResult baseMissing(BaseCommitMissingException e) {
    return new PhaseResult.Blocked(
        dev.sleigh.domain.CommissionState.BLOCKED_CONFLICT,
        "checkpoint_base_missing: the work stands on commit "
            + e.commit()
            + ", which the repository "
            + e.repository()
            + " here does not have; fetch it there, or requeue to start over");
  }

  private PhaseResult workspaceFailed(WorkspaceException e) {
    return cancelled.isDone() || journal.isLost()
        ? new PhaseResult.Stopped(e.getMessage())
        : new PhaseResult.Failed("workspace: " + e.getMessage(), e.retryable());
  }

  /**
   * Stops what runs for the commission now — its agent, a hook or an evidence command — and starts
   * nothing more; each ends with its whole process tree within the cancel grace.
   */
  void cancel() {
    cancelled.complete(null);
    AgentSession current = session;
    if (current != null) {
      current.cancel();
    }
  }

  private PhaseResult execute(int attempt) throws InterruptedException {
    Workspace workspace;
    try {
      workspace = prepared(false);
    } catch (WorkspaceException e) {
      return workspaceFailed(e);
    } catch (BaseCommitMissingException e) {
      return baseMissing(e);
    }
    Commission c = record.spec();
    SessionSpec spec =
        new SessionSpec(
            c,
            Phase.EXECUTE,
            attempt,
            workspace.path(),
            logFile(Phase.EXECUTE, attempt),
            journal.tags().onto(ctx.settings().agentEnv()),
            timeouts());
    ScopeGate scope =
        new ScopeGate(
            ctx.workspaces(),
            workspace,
            c.scope(),
            safeguards().has(Phase.EXECUTE, "scope_clean"),
            safeguards().has(Phase.EXECUTE, "non_empty_diff"));
    if (approved.contains(Phase.EXECUTE)) {
      // A human approved this change; the agent's work is not done again, only re-checked.
      PhaseResult checked = scope.atPhaseEnd();
      return checked instanceof PhaseResult.Passed ? sync.passed(workspace) : checked;
    }
    PhaseResult before =
        hooks.run(
            Safeguards.HookPoint.BEFORE_RUN,
            workspace.path(),
            logFile(Phase.EXECUTE, attempt),
            journal);
    if (before != null) {
      return before;
    }
    // The lease is checked (and extended) right before an agent starts: a runner that was paused
    // past its lease must not start work in a workspace that is now another runner's.
    if (!journal.confirmLease()) {
      return new PhaseResult.Stopped("lease lost before the agent started");
    }
    AgentTurns turns =
        new AgentTurns(
            c,
            ctx.prompts(),
            ctx.clock(),
            new AgentTurns.Hooks(
                journal,
                this::noteAgent,
                turn -> {
                  PhaseResult outOfScope = scope.afterTurn();
                  return outOfScope != null ? outOfScope : sync.afterTurn(workspace, attempt, turn);
                }));
    try (AgentSession started = ctx.agent().start(spec)) {
      session = started;
      if (cancelled.isDone() || journal.isLost()) {
        started.cancel();
        return new PhaseResult.Stopped("cancelled before the first turn");
      }
      PhaseResult result = turns.run(started, attempt);
      PhaseResult after =
          hooks.run(
              Safeguards.HookPoint.AFTER_RUN,
              workspace.path(),
              logFile(Phase.EXECUTE, attempt),
              journal);
      if (!(result instanceof PhaseResult.Passed)) {
        return result;
      }
      PhaseResult gates = scope.atPhaseEnd();
      if (gates instanceof PhaseResult.Passed && after != null) {
        return after;
      }
      PhaseResult verdict =
          gates instanceof PhaseResult.Passed ? judged(Phase.EXECUTE, workspace) : gates;
      return verdict instanceof PhaseResult.Passed ? sync.passed(workspace) : verdict;
    } catch (AgentLaunchException e) {
      return new PhaseResult.Failed(e.reason(), e.retryable());
    } finally {
      session = null;
      recordSession(attempt, turns.facts());
    }
  }

  /**
   * The human gate: a phase that passed its other gates still waits for a human when the workflow
   * lists {@code human_approval} for it, {@code gates.human} asks for it, or the commission's
   * one-way door does (execute); an approval of this generation for this snapshot meets it.
   */
  private PhaseResult humanGate(Phase p, PhaseResult gates) {
    Commission c = record.spec();
    boolean required =
        safeguards().has(p, "human_approval") || safeguards().human().requiredFor(c, p);
    if (!(gates instanceof PhaseResult.Passed) || !required || approved.contains(p)) {
      return gates;
    }
    String why =
        p == Phase.EXECUTE && c.autonomy().oneWayDoor() == Commission.OneWayDoor.REQUIRE_APPROVAL
            ? "one_way_door"
            : "human_approval";
    return new PhaseResult.AwaitHuman(
        why + ": approve " + p.wire() + " with 'sleigh approve " + record.id() + "' or reject it");
  }

  private void recordSession(int attempt, Map<String, Object> facts) {
    journal.write(
        new Command.RecordEvidence(
            record.id(),
            journal.lease(),
            journal.commandId(Phase.EXECUTE, attempt, "agent_session"),
            Phase.EXECUTE,
            "agent_session",
            facts));
  }

  Path logFile(Phase p, int n) {
    return ctx.settings().logDir().resolve(record.id()).resolve(p.wire() + "-" + n + ".log");
  }

  SessionSpec.Timeouts timeouts() {
    RunnerSettings.Timing t = ctx.settings().timing();
    return new SessionSpec.Timeouts(t.stallTimeout(), t.turnTimeout(), t.cancelGrace());
  }

  private void noteAgent(long pid) {
    if (pid <= 0) {
      return;
    }
    Optional<java.time.Instant> started =
        ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    try {
      ctx.store()
          .recordAgent(
              journal.runId(),
              new RuntimeRun.AgentProcessRef(ctx.self().host(), pid, started.orElse(null)));
    } catch (StoreException e) {
      // The agent carries its run's tags, which is how a later runner finds it; the pid is extra.
      LOG.info(
          "{}: could not record agent pid {} ({}); going on", record.id(), pid, e.getMessage());
    }
  }
}
