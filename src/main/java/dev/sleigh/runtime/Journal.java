package dev.sleigh.runtime;

import dev.sleigh.domain.Event;
import dev.sleigh.domain.Phase;
import dev.sleigh.store.Command;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.ErrorCode;
import dev.sleigh.store.LeaseToken;
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
final class Journal {
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
  boolean confirmLease() {
    return write(new Command.Heartbeat(commissionId, lease, null, leaseTtl));
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
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("at", e.at().toString());
    entry.put("event", e.type().wire());
    entry.put("commission", e.commissionId());
    entry.put("phase", e.phase() == null ? null : e.phase().wire());
    entry.put("attempt", e.attempt());
    entry.put("run_id", runId());
    entry.put("epoch", e.epoch());
    entry.put("seq", e.seq());
    entry.put("data", e.data());
    log.record(entry);
  }

  /** Reports something the runner or its agent did that is not a store event. */
  void note(String event, Phase phase, int attempt, Map<String, Object> data) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("at", clock.instant().toString());
    entry.put("event", event);
    entry.put("commission", commissionId);
    entry.put("phase", phase == null ? null : phase.wire());
    entry.put("attempt", attempt);
    entry.put("run_id", runId());
    entry.put("epoch", lease.epoch());
    entry.put("data", data);
    log.record(entry);
  }

  /** The run may no longer write (lease lost, commission cancelled, store gone). */
  void lose(String why) {
    if (lost == null) {
      lost = why;
      LOG.info("{}: stopping work and writing nothing more ({})", commissionId, why);
    }
  }

  boolean isLost() {
    return lost != null;
  }

  String lostBecause() {
    return lost;
  }
}
