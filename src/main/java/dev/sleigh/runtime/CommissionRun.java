package dev.sleigh.runtime;

import dev.sleigh.agent.SessionSpec;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.lifecycle.ResumePoint;
import dev.sleigh.process.ChildStarts;
import dev.sleigh.runtime.phase.Cancellation;
import dev.sleigh.runtime.phase.PhaseAttempt;
import dev.sleigh.runtime.phase.PhaseResult;
import dev.sleigh.runtime.phase.PhaseSteps;
import dev.sleigh.runtime.phase.StepPorts;
import dev.sleigh.runtime.phase.StepSettings;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One claimed commission carried through its phases from the resume point the store computed, never
 * from memory. Every step is written before the next begins; once the store refuses this run (lease
 * lost, cancelled), it stops its agent and writes nothing more.
 */
final class CommissionRun implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CommissionRun.class);

  /** The part of the work the child processes of a completion are counted under. */
  static final String COMPLETION = "completion";

  private final RunnerContext ctx;
  private final Claimed claimed;
  private final Journal journal;
  private final WorkspaceSync sync;
  private final Cancellation cancellation = new Cancellation();
  private final PhaseSteps steps;
  private final StoreOutage outage;
  private volatile PhaseAttempt current;
  private volatile boolean stopping;

  CommissionRun(RunnerContext ctx, Claimed claimed, StoreOutage outage) {
    this.ctx = ctx;
    this.claimed = claimed;
    this.outage = outage;
    this.current = PhaseAttempt.outside(claimed.record());
    this.journal =
        new Journal(
            new Journal.Target(
                ctx.store(), ctx.log(), ctx.settings().timing().leaseTtl(), outage, ctx.clock()),
            claimed.record().id(),
            claimed.token());
    this.sync = new WorkspaceSync(ctx, claimed.record(), journal);
    this.steps = steps();
  }

  /**
   * The steps of this run over its journal, workspace and cancel switch; an approval of this
   * generation already met the human gate of the phases it names.
   */
  private PhaseSteps steps() {
    Set<Phase> approved =
        claimed.resume() instanceof ResumePoint.Run run ? run.approved() : Set.of();
    RunnerSettings settings = ctx.settings();
    RunnerSettings.Timing t = settings.timing();
    return new PhaseSteps(
        new StepSettings(
            settings.safeguards(),
            settings.logDir(),
            new SessionSpec.Timeouts(t.stallTimeout(), t.turnTimeout(), t.cancelGrace()),
            settings.agentEnv(),
            ctx.prompts(),
            ctx.clock(),
            toolCommand()),
        new StepPorts(
            journal,
            sync,
            ctx.agent(),
            ctx.store().decisions(),
            cancellation,
            new AgentPids(ctx, journal)::started),
        t.cancelGrace(),
        approved);
  }

  /**
   * {@code sleigh mcp} bound to this run's commission and lease epoch, when agents are given a tool
   * server; the execute step adds the workspace.
   */
  private List<String> toolCommand() {
    if (ctx.toolCommand().isEmpty()) {
      return List.of();
    }
    List<String> argv = new java.util.ArrayList<>(ctx.toolCommand());
    argv.addAll(
        List.of(
            "mcp",
            "--commission",
            claimed.record().id(),
            "--lease-epoch",
            Long.toString(claimed.token().epoch())));
    return argv;
  }

  String commissionId() {
    return claimed.record().id();
  }

  Journal journal() {
    return journal;
  }

  /**
   * The lease is gone or the commission cancelled: stop the agent, hook or evidence command, write
   * nothing more.
   */
  void abort(String why) {
    journal.lose(why);
    cancellation.cancel();
  }

  /**
   * The shutdown deadline passed: kill every process this run started (agent, hook, evidence, and
   * what they started), found by the run's tags.
   */
  void killChildren() throws InterruptedException {
    cancellation.cancel();
    StrayAgents.killRun(journal.runId());
  }

  /** Lets go of the lease now, whatever the run's thread is doing, and writes nothing more. */
  void forceRelease(String reason) {
    journal.releasedOnce(current, reason);
    journal.lose(reason);
  }

  /**
   * Graceful shutdown: stop the agent, hook or evidence command and release the lease, keeping the
   * state.
   */
  void stop() {
    stopping = true;
    cancellation.cancel();
  }

  @Override
  public void run() {
    MDC.put("commission", commissionId());
    try {
      carry();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release("interrupted");
    } catch (RuntimeException e) {
      if (e instanceof StoreException s && outage.damaged(s)) {
        // The work did not fail, the store did: nothing is recorded, no retry budget is spent.
        journal.lose(s.getMessage());
        cancellation.cancel();
      } else {
        failUnexpectedly(e);
      }
    } finally {
      MDC.clear();
    }
  }

  private void failUnexpectedly(RuntimeException e) {
    LOG.error(
        "{}: unexpected failure in phase {}; recording it as a retryable failure",
        commissionId(),
        current.phase(),
        e);
    failCurrentPhase("internal_error: " + e);
  }

  private void carry() throws InterruptedException {
    switch (claimed.resume()) {
      case ResumePoint.Nothing nothing -> release("nothing to run");
      case ResumePoint.Finish finish -> completeCounted();
      case ResumePoint.Run run -> {
        if (run.phase() != Phase.PREFLIGHT
            && ctx.settings().revalidateOnResume()
            && !revalidate()) {
          return;
        }
        List<Phase> phases = ctx.settings().workflow().phases();
        for (Phase phase : phases.subList(phases.indexOf(run.phase()), phases.size())) {
          boolean first = phase == run.phase();
          int attempt = first ? run.attempt() : 1;
          if (phase != Phase.PREFLIGHT && lapsed()) {
            return;
          }
          if (!runPhase(phase, attempt, first && run.atHumanGate())) {
            return;
          }
        }
        if (!lapsed()) {
          completeCounted();
        }
      }
    }
  }

  /**
   * Whether the commission's {@code valid_until} has passed: then no further phase starts and it
   * does not complete; the lease is released and the sweep ends it {@code expired}. The phase that
   * was running when it passed is finished first, so no work is cut off in the middle.
   */
  private boolean lapsed() {
    Instant until = claimed.record().validUntil();
    if (until == null || ctx.clock().instant().isBefore(until)) {
      return false;
    }
    LOG.info("{}: valid_until passed at {}; no further phase starts", commissionId(), until);
    release("valid_until passed at " + until);
    return true;
  }

  /** Re-runs the preflight gates against current facts and records what they found. */
  private boolean revalidate() {
    PhaseResult gates = steps.preflightGates(claimed.record());
    Map<String, Object> facts =
        switch (gates) {
          case PhaseResult.Passed passed -> Map.of("gates", "passed");
          case PhaseResult.Blocked b -> Map.of("gates", "failed", "reason", b.reason());
          case PhaseResult.Released r -> Map.of("gates", "failed", "reason", r.reason());
          case PhaseResult.AwaitHuman h -> Map.of("gates", "waiting", "reason", h.reason());
          case PhaseResult.Failed f -> Map.of("gates", "failed", "reason", f.reason());
          case PhaseResult.Stopped s -> Map.of("gates", "stopped", "reason", s.reason());
        };
    if (!journal.revalidated(facts)) {
      return false;
    }
    return gates instanceof PhaseResult.Passed || record(current, gates);
  }

  /**
   * Runs one attempt of {@code phase} and records its outcome. {@code atGate}: the attempt already
   * started, waited for a human and was approved; it goes on at its gate without a second start.
   */
  private boolean runPhase(Phase phase, int attempt, boolean atGate) throws InterruptedException {
    if (stopping) {
      release("shutdown");
      return false;
    }
    PhaseAttempt at = new PhaseAttempt(claimed.record(), phase, attempt);
    if (!atGate && !journal.phaseStarted(at)) {
      return false;
    }
    current = at;
    MDC.put("phase", phase.wire());
    MDC.put("attempt", Integer.toString(attempt));
    LOG.info(
        "{}: {} attempt {} {}",
        commissionId(),
        phase.wire(),
        attempt,
        atGate ? "resumed at its human gate, approved" : "started");
    PhaseResult result;
    try (ChildStarts.Part part = ChildStarts.during(phase.wire())) {
      result = steps.run(at);
    }
    if (stopping && !(result instanceof PhaseResult.Passed)) {
      result = new PhaseResult.Stopped("shutdown");
    }
    return record(at, result);
  }

  /** Writes the phase's outcome; true when the pipeline goes on. */
  private boolean record(PhaseAttempt at, PhaseResult result) {
    String id = commissionId();
    String phase = at.phase() == null ? "run" : at.phase().wire();
    return switch (result) {
      case PhaseResult.Passed passed -> {
        boolean written = journal.passed(at, passed.checkpoint());
        if (written && passed.checkpoint() != null) {
          sync.passWritten(passed.checkpoint());
        }
        yield written;
      }
      case PhaseResult.Failed f -> {
        LOG.info("{}: {} attempt {} failed: {}", id, phase, at.attempt(), f.reason());
        journal.failed(at, f, ctx.settings().retry());
        yield false;
      }
      case PhaseResult.Blocked b -> {
        journal.blocked(at, b.state(), b.reason());
        yield false;
      }
      case PhaseResult.Released r -> {
        release(r.reason());
        yield false;
      }
      case PhaseResult.AwaitHuman h -> {
        LOG.info("{}: {} waits for a human: {}", id, phase, h.reason());
        journal.waitingHuman(at, h.reason());
        yield false;
      }
      case PhaseResult.Stopped s -> {
        if (stopping) {
          release(s.reason());
        }
        yield false;
      }
    };
  }

  /** {@link #complete()}, its child processes counted apart from the phases'. */
  private void completeCounted() {
    try (ChildStarts.Part part = ChildStarts.during(COMPLETION)) {
      complete();
    }
  }

  /** Completes the commission, first delivering its change when the policy says so. */
  private void complete() {
    String id = commissionId();
    Commission.ProjectionPolicy projection = claimed.record().spec().projectionPolicy();
    CompletedChange change = new CompletedChange(ctx, claimed.record());
    if (projection != Commission.ProjectionPolicy.LOCAL_ONLY) {
      DiffStat.record(ctx, change, claimed.record(), journal, current.attempt());
    }
    AutoApply.Delivery.Applied delivered = null;
    if (claimed.record().spec().deliveryPolicy() == Commission.DeliveryPolicy.AUTO_APPLY_ON_PASS) {
      var outcome =
          new AutoApply(ctx, claimed.record(), journal, current.attempt()).deliver(change);
      if (outcome instanceof AutoApply.Delivery.NotApplied no) {
        endWithoutDelivery(no);
        return;
      }
      delivered = (AutoApply.Delivery.Applied) outcome;
    }
    boolean debt = projection == Commission.ProjectionPolicy.EXTERNAL_REQUIRED;
    if (journal.completed(ctx.settings().workflow(), debt)) {
      LOG.info(
          "{}: {}{}",
          id,
          debt ? "completed; its projection is owed until a runner publishes it" : "completed",
          delivered == null ? "" : " and applied on " + delivered.branch());
      if (delivered != null && delivered.created()) {
        journal.applied(delivered.branch(), delivered.commit());
      }
    }
  }

  private void endWithoutDelivery(AutoApply.Delivery.NotApplied no) {
    if (no.state() == null) {
      journal.failedOutsidePhases(no.reason(), Map.of("phase", "delivery", "reason", no.reason()));
    } else {
      journal.blocked(PhaseAttempt.outside(claimed.record()), no.state(), no.reason());
    }
  }

  private void release(String reason) {
    journal.released(current, reason);
  }

  private void failCurrentPhase(String reason) {
    PhaseAttempt at = current;
    if (at.phase() == null) {
      release(reason);
      return;
    }
    record(at, new PhaseResult.Failed(reason, true));
  }
}
