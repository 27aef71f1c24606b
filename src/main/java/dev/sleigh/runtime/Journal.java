package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.CheckpointPack;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.runtime.phase.PhaseAttempt;
import dev.sleigh.runtime.phase.PhaseJournal;
import dev.sleigh.runtime.phase.PhaseResult;
import dev.sleigh.runtime.phase.RunNote;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.StoreException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's writes to the store, under its lease, with deterministic command ids ({@code
 * <run_id>:<phase>:<attempt>:<event>}). The first refusal ends the run's right to write: after it,
 * nothing more is sent.
 */
final class Journal implements PhaseJournal {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private final CommissionStore store;
  private final String commissionId;
  private final LeaseToken lease;
  private final RuntimeLog log;
  private final Duration leaseTtl;
  private final StoreOutage outage;
  private final InstantSource clock;
  private volatile String lost;

  /**
   * Where a run writes and reports, how long each renewal holds its lease, the outage the runner
   * rides through, and the clock its reports are stamped with.
   */
  record Target(
      CommissionStore store,
      RuntimeLog log,
      Duration leaseTtl,
      StoreOutage outage,
      InstantSource clock) {}

  Journal(Target target, String commissionId, LeaseToken lease) {
    this.store = target.store();
    this.log = target.log();
    this.leaseTtl = target.leaseTtl();
    this.outage = target.outage();
    this.clock = target.clock();
    this.commissionId = commissionId;
    this.lease = lease;
  }

  String commissionId() {
    return commissionId;
  }

  LeaseToken lease() {
    return lease;
  }

  String runId() {
    return lease.leaseId();
  }

  /** The tags every child process of this run carries. */
  RunTags tags() {
    return new RunTags(runId(), commissionId);
  }

  /**
   * Renews the lease right before a child process starts: a runner that was paused past its lease
   * must not start work in a workspace that is now another runner's. False once it is lost.
   */
  @Override
  public boolean confirmLease() {
    return write(new Command.Heartbeat(commissionId, lease, null, leaseTtl));
  }

  @Override
  public Map<String, String> tagged(Map<String, String> env) {
    return tags().onto(env);
  }

  /** The attempt starts. */
  boolean phaseStarted(PhaseAttempt at) {
    return write(
        new Command.PhaseStarted(
            commissionId, lease, commandId(at, "started"), at.phase(), at.attempt()));
  }

  /** The attempt passed; execute's pass carries the checkpoint it passed with, or null. */
  boolean passed(PhaseAttempt at, CheckpointPack checkpoint) {
    return write(
        new Command.PhasePassed(
            commissionId, lease, commandId(at, "passed"), at.phase(), at.attempt(), checkpoint));
  }

  /** The attempt failed; {@code retry} decides whether another follows. */
  boolean failed(PhaseAttempt at, PhaseResult.Failed f, RetryPolicy retry) {
    return write(
        new Command.PhaseFailed(
            commissionId,
            lease,
            commandId(at, "failed"),
            new Command.PhaseFailure(at.phase(), at.attempt(), f.reason(), f.retryable(), retry)));
  }

  /** A gate (or the delivery, outside any phase) found the commission cannot go on as it is. */
  boolean blocked(PhaseAttempt at, CommissionState state, String reason) {
    return write(
        new Command.Block(
            commissionId, lease, commandId(at, "blocked"), state, reason, at.phase()));
  }

  /** The attempt waits for a human; the lease is let go while they decide. */
  boolean waitingHuman(PhaseAttempt at, String reason) {
    return write(
        new Command.WaitForHuman(
            commissionId, lease, commandId(at, "waiting_human"), at.phase(), reason));
  }

  /** Lets go of the lease, keeping the state. */
  boolean released(PhaseAttempt at, String reason) {
    return write(release(at, reason));
  }

  /** Lets go of the lease with one try, for a shutdown that must end within its deadline. */
  boolean releasedOnce(PhaseAttempt at, String reason) {
    return writeOnce(release(at, reason));
  }

  private Command release(PhaseAttempt at, String reason) {
    return new Command.Release(commissionId, lease, commandId(at, "released"), reason);
  }

  /** What a resumed run found when it re-ran the preflight gates. */
  boolean revalidated(Map<String, Object> facts) {
    return write(
        new Command.Revalidate(commissionId, lease, commandId(null, 0, "revalidated"), facts));
  }

  /**
   * Every phase of {@code workflow} passed: the commission is done, or owes its projection ({@code
   * debt}) until a runner has published it.
   */
  boolean completed(Workflow workflow, boolean debt) {
    return write(
        new Command.Complete(commissionId, lease, commandId(null, 0, "complete"), workflow, debt));
  }

  /** The commission fails outside any phase (its delivery could not be made). */
  boolean failedOutsidePhases(String reason, Map<String, Object> facts) {
    return write(
        new Command.Fail(commissionId, lease, commandId(null, 0, "failed"), reason, facts));
  }

  /**
   * Records where the completed commission's change was applied. Not under the lease, which
   * completion gave up; a refusal is not the run's to act on.
   */
  void applied(String branch, String commit) {
    store.execute(
        new Command.RecordApplied(commissionId, commandId(null, 0, "applied"), branch, commit));
  }

  /** Turn {@code turn} of an execute attempt ended with the workspace as {@code checkpoint}. */
  boolean turnCompleted(int attempt, int turn, CheckpointPack checkpoint) {
    return write(
        new Command.RecordTurn(
            commissionId,
            lease,
            commandId(Phase.EXECUTE, attempt, "turn-" + turn),
            attempt,
            turn,
            checkpoint));
  }

  @Override
  public boolean evidence(PhaseAttempt at, String name, Map<String, Object> facts) {
    return write(
        new Command.RecordEvidence(
            commissionId,
            lease,
            commandId(at, "evidence:" + name),
            at.phase(),
            at.attempt(),
            name,
            facts));
  }

  @Override
  public boolean agentSession(PhaseAttempt at, Map<String, Object> facts) {
    return write(
        new Command.RecordEvidence(
            commissionId,
            lease,
            commandId(at, "agent_session"),
            at.phase(),
            at.attempt(),
            "agent_session",
            facts));
  }

  @Override
  public boolean agentApproval(int attempt, int n, Map<String, Object> data) {
    return write(
        new Command.RecordAgentApproval(
            commissionId,
            lease,
            commandId(Phase.EXECUTE, attempt, "agent_approval-" + n),
            attempt,
            data));
  }

  private String commandId(PhaseAttempt at, String event) {
    return commandId(at.phase(), at.attempt(), event);
  }

  String commandId(Phase phase, int attempt, String event) {
    return runId() + ":" + (phase == null ? "run" : phase.wire()) + ":" + attempt + ":" + event;
  }

  /**
   * Applies the command; false (and no more writes) once the store refuses this run. While the
   * store cannot be reached the write is tried again, with the outage's pause between tries, until
   * it lands or the outage outlasts its limit; the command id makes a repeat of a write that did
   * land harmless. A lease that expired meanwhile but that nobody took over is renewed first.
   */
  boolean write(Command command) {
    boolean renewed = false;
    while (lost == null) {
      try {
        switch (reach(command)) {
          case CommandResult.Done done -> {
            done.events().forEach(this::report);
            return true;
          }
          case CommandResult.Refused refused -> {
            if (!renewed && mayRenew(command, refused)) {
              renewed = renew();
              if (renewed) {
                continue;
              }
            }
            lose(refused.error().code().wire() + ": " + refused.error().message());
            return false;
          }
        }
      } catch (StoreException e) {
        if (outage.damaged(e) || !e.error().retryable() || !rideThrough(e)) {
          lose(e.getMessage());
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Applies the command once, without riding through an outage: for a shutdown that must end within
   * its deadline. False (and no more writes) when it did not land.
   */
  boolean writeOnce(Command command) {
    if (lost != null) {
      return false;
    }
    try {
      if (reach(command) instanceof CommandResult.Done done) {
        done.events().forEach(this::report);
        return true;
      }
      lose("refused: " + command.kind().wire());
    } catch (StoreException e) {
      outage.damaged(e);
      lose(e.getMessage());
    }
    return false;
  }

  /** A fenced write after an outage: the lease may only have expired, not been taken over. */
  private static boolean mayRenew(Command command, CommandResult.Refused refused) {
    return refused.error().code() == ErrorCode.LEASE_FENCED
        && !(command instanceof Command.Heartbeat);
  }

  /**
   * Renews the lease; false when it was taken over. Throws when the store cannot be reached, so the
   * caller rides that through and tries the write, and the renewal, again.
   */
  private boolean renew() {
    return reach(new Command.Heartbeat(commissionId, lease, null, leaseTtl))
        instanceof CommandResult.Done;
  }

  /** The store's answer; throws when it could not be reached (see {@link StoreOutage}). */
  private CommandResult reach(Command command) {
    CommandResult answer = StoreOutage.reachedOrThrow(store.execute(command));
    outage.reached();
    return answer;
  }

  /**
   * Waits out one pause of the outage; false when it has lasted too long or we were interrupted.
   */
  private boolean rideThrough(StoreException e) {
    outage.failed(e);
    if (outage.beyondLimit()) {
      return false;
    }
    try {
      Thread.sleep(outage.pause());
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void report(Event e) {
    Map<String, Object> entry = stamped(LogLevel.of(e.type(), e.data()));
    entry.put("at", e.at().toString());
    entry.put("event", e.type().wire());
    entry.put("commission", e.commissionId());
    entry.put("phase", e.phase() == null ? null : e.phase().wire());
    entry.put("attempt", e.attempt());
    entry.put("run_id", runId());
    entry.put("epoch", e.epoch());
    entry.put("seq", e.seq());
    entry.put("data", e.data() == null ? null : LogValues.map(e.data()));
    log.record(entry);
  }

  /** Reports something the runner or its agent did that is not a store event. */
  @Override
  public void note(RunNote note, Phase phase, int attempt, Map<String, Object> data) {
    Map<String, Object> entry = stamped(LogLevel.of(note, data));
    entry.put("at", entry.get("ts"));
    entry.put("event", note.wire());
    entry.put("commission", commissionId);
    entry.put("phase", phase == null ? null : phase.wire());
    entry.put("attempt", attempt);
    entry.put("run_id", runId());
    entry.put("epoch", lease.epoch());
    entry.put("data", data == null ? null : LogValues.map(data));
    log.record(entry);
  }

  /** A record's first fields: when the runner wrote it, on its clock, and its level. */
  private Map<String, Object> stamped(LogLevel level) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("ts", clock.instant().toString());
    entry.put("level", level.wire());
    return entry;
  }

  /** The run may no longer write (lease lost, commission cancelled, store gone). */
  void lose(String why) {
    if (lost == null) {
      lost = why;
      LOG.info("{}: stopping work and writing nothing more ({})", commissionId, why);
    }
  }

  @Override
  public boolean isLost() {
    return lost != null;
  }

  String lostBecause() {
    return lost;
  }
}
