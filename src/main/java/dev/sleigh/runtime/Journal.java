package dev.sleigh.runtime;

import dev.sleigh.domain.Event;
import dev.sleigh.domain.Phase;
import dev.sleigh.store.Command;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.LeaseToken;
import dev.sleigh.store.StoreException;
import java.time.Duration;
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
  private volatile String lost;

  Journal(
      CommissionStore store,
      String commissionId,
      LeaseToken lease,
      RuntimeLog log,
      Duration leaseTtl) {
    this.store = store;
    this.log = log;
    this.commissionId = commissionId;
    this.lease = lease;
    this.leaseTtl = leaseTtl;
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

  /** Applies the command; false (and no more writes) once the store refuses this run. */
  boolean write(Command command) {
    if (lost != null) {
      return false;
    }
    try {
      return switch (store.execute(command)) {
        case CommandResult.Done done -> {
          done.events().forEach(this::report);
          yield true;
        }
        case CommandResult.Refused refused -> {
          lose(refused.error().code().wire() + ": " + refused.error().message());
          yield false;
        }
      };
    } catch (StoreException e) {
      lose(e.getMessage());
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
