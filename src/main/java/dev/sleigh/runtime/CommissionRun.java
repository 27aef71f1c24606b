package dev.sleigh.runtime;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.ResumePoint;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.Command;
import dev.sleigh.store.StoreException;
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

  private final RunnerContext ctx;
  private final Claimed claimed;
  private final Journal journal;
  private final PhaseWork work;
  private final StoreOutage outage;
  private volatile boolean stopping;

  CommissionRun(RunnerContext ctx, Claimed claimed, StoreOutage outage) {
    this.ctx = ctx;
    this.claimed = claimed;
    this.outage = outage;
    this.journal =
        new Journal(
            new Journal.Target(
                ctx.store(), ctx.log(), ctx.settings().timing().leaseTtl(), outage, ctx.clock()),
            claimed.record().id(),
            claimed.token());
    Set<Phase> approved =
        claimed.resume() instanceof ResumePoint.Run run ? run.approved() : Set.of();
    this.work = new PhaseWork(ctx, claimed.record(), journal, approved);
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
    work.cancel();
  }

  /**
   * The shutdown deadline passed: kill every process this run started (agent, hook, evidence, and
   * what they started), found by the run's tags.
   */
  void killChildren() throws InterruptedException {
    work.cancel();
    StrayAgents.killRun(journal.runId());
  }

  /** Lets go of the lease now, whatever the run's thread is doing, and writes nothing more. */
  void forceRelease(String reason) {
    journal.writeOnce(
        new Command.Release(
            commissionId(),
            journal.lease(),
            journal.commandId(work.currentPhase(), work.currentAttempt(), "released"),
            reason));
    journal.lose(reason);
  }

  /**
   * Graceful shutdown: stop the agent, hook or evidence command and release the lease, keeping the
   * state.
   */
  void stop() {
    stopping = true;
    work.cancel();
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
        work.cancel();
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
        work.currentPhase(),
        e);
    failCurrentPhase("internal_error: " + e);
  }

  private void carry() throws InterruptedException {
    switch (claimed.resume()) {
      case ResumePoint.Nothing nothing -> release("nothing to run");
      case ResumePoint.Finish finish -> complete();
      case ResumePoint.Run run -> {
        if (run.phase() != Phase.PREFLIGHT
            && ctx.settings().revalidateOnResume()
            && !revalidate()) {
          return;
        }
        List<Phase> phases = ctx.settings().workflow().phases();
        for (Phase phase : phases.subList(phases.indexOf(run.phase()), phases.size())) {
          int attempt = phase == run.phase() ? run.attempt() : 1;
          if (phase != Phase.PREFLIGHT && lapsed()) {
            return;
          }
          if (!runPhase(phase, attempt)) {
            return;
          }
        }
        if (!lapsed()) {
          complete();
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
    java.time.Instant until = claimed.record().validUntil();
    if (until == null || ctx.clock().instant().isBefore(until)) {
      return false;
    }
    LOG.info("{}: valid_until passed at {}; no further phase starts", commissionId(), until);
    release("valid_until passed at " + until);
    return true;
  }

  /** Re-runs the preflight gates against current facts and records what they found. */
  private boolean revalidate() {
    PhaseResult gates = work.preflightGates();
    Map<String, Object> facts =
        switch (gates) {
          case PhaseResult.Passed passed -> Map.of("gates", "passed");
          case PhaseResult.Blocked b -> Map.of("gates", "failed", "reason", b.reason());
          case PhaseResult.Released r -> Map.of("gates", "failed", "reason", r.reason());
          case PhaseResult.AwaitHuman h -> Map.of("gates", "waiting", "reason", h.reason());
          case PhaseResult.Failed f -> Map.of("gates", "failed", "reason", f.reason());
          case PhaseResult.Stopped s -> Map.of("gates", "stopped", "reason", s.reason());
        };
    if (!journal.write(
        new Command.Revalidate(
            commissionId(), journal.lease(), journal.commandId(null, 0, "revalidated"), facts))) {
      return false;
    }
    return gates instanceof PhaseResult.Passed || record(null, 0, gates);
  }

  private boolean runPhase(Phase phase, int attempt) throws InterruptedException {
    if (stopping) {
      release("shutdown");
      return false;
    }
    if (!journal.write(
        new Command.PhaseStarted(
            commissionId(),
            journal.lease(),
            journal.commandId(phase, attempt, "started"),
            phase,
            attempt))) {
      return false;
    }
    MDC.put("phase", phase.wire());
    MDC.put("attempt", Integer.toString(attempt));
    LOG.info("{}: {} attempt {} started", commissionId(), phase.wire(), attempt);
    PhaseResult result = work.run(phase, attempt);
    if (stopping && !(result instanceof PhaseResult.Passed)) {
      result = new PhaseResult.Stopped("shutdown");
    }
    return record(phase, attempt, result);
  }

  /** Writes the phase's outcome; true when the pipeline goes on. */
  private boolean record(Phase phase, int attempt, PhaseResult result) {
    String id = commissionId();
    return switch (result) {
      case PhaseResult.Passed passed -> {
        boolean written =
            journal.write(
                new Command.PhasePassed(
                    id,
                    journal.lease(),
                    journal.commandId(phase, attempt, "passed"),
                    phase,
                    attempt,
                    passed.checkpoint()));
        if (written && passed.checkpoint() != null) {
          work.passWritten(passed.checkpoint());
        }
        yield written;
      }
      case PhaseResult.Failed f -> {
        LOG.info("{}: {} attempt {} failed: {}", id, phase.wire(), attempt, f.reason());
        journal.write(
            new Command.PhaseFailed(
                id,
                journal.lease(),
                journal.commandId(phase, attempt, "failed"),
                new Command.PhaseFailure(
                    phase, attempt, f.reason(), f.retryable(), ctx.settings().retry())));
        yield false;
      }
      case PhaseResult.Blocked b -> {
        journal.write(
            new Command.Block(
                id,
                journal.lease(),
                journal.commandId(phase, attempt, "blocked"),
                b.state(),
                b.reason(),
                phase));
        yield false;
      }
      case PhaseResult.Released r -> {
        release(r.reason());
        yield false;
      }
      case PhaseResult.AwaitHuman h -> {
        LOG.info("{}: {} waits for a human: {}", id, phase.wire(), h.reason());
        journal.write(
            new Command.WaitForHuman(
                id,
                journal.lease(),
                journal.commandId(phase, attempt, "waiting_human"),
                phase,
                h.reason()));
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

  /** Completes the commission, first delivering its change when the policy says so. */
  private void complete() {
    String id = commissionId();
    AutoApply.Delivery.Applied delivered = null;
    if (claimed.record().spec().deliveryPolicy() == Commission.DeliveryPolicy.AUTO_APPLY_ON_PASS) {
      var outcome = new AutoApply(ctx, claimed.record(), journal, work.currentAttempt()).deliver();
      if (outcome instanceof AutoApply.Delivery.NotApplied no) {
        endWithoutDelivery(no);
        return;
      }
      delivered = (AutoApply.Delivery.Applied) outcome;
    }
    if (journal.write(
        new Command.Complete(
            id,
            journal.lease(),
            journal.commandId(null, 0, "complete"),
            ctx.settings().workflow(),
            false))) {
      LOG.info(
          "{}: completed{}", id, delivered == null ? "" : " and applied on " + delivered.branch());
      if (delivered != null && delivered.created()) {
        ctx.store()
            .execute(
                new Command.RecordApplied(
                    id,
                    journal.commandId(null, 0, "applied"),
                    delivered.branch(),
                    delivered.commit()));
      }
    }
  }

  private void endWithoutDelivery(AutoApply.Delivery.NotApplied no) {
    String id = commissionId();
    if (no.state() == null) {
      journal.write(
          new Command.Fail(
              id,
              journal.lease(),
              journal.commandId(null, 0, "failed"),
              no.reason(),
              Map.of("phase", "delivery", "reason", no.reason())));
    } else {
      journal.write(
          new Command.Block(
              id,
              journal.lease(),
              journal.commandId(null, 0, "blocked"),
              no.state(),
              no.reason(),
              null));
    }
  }

  private void release(String reason) {
    journal.write(
        new Command.Release(
            commissionId(),
            journal.lease(),
            journal.commandId(work.currentPhase(), work.currentAttempt(), "released"),
            reason));
  }

  private void failCurrentPhase(String reason) {
    Phase phase = work.currentPhase();
    if (phase == null) {
      release(reason);
      return;
    }
    record(phase, work.currentAttempt(), new PhaseResult.Failed(reason, true));
  }
}
