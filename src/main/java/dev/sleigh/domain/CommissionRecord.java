package dev.sleigh.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a commission stands: the row the store keeps. Every field except the lease's expiry (moved
 * on by heartbeats, which append no event) is a fold of the commission's events through {@link
 * #apply}, which is how the store writes the row and how {@code verify} checks it.
 */
public record CommissionRecord(
    Commission spec,
    String snapshotHash,
    CommissionState state,
    int generation,
    Lease lease,
    Instant retryAt,
    String reason,
    Phase phase,
    int attempt,
    Instant validUntil,
    Instant createdAt,
    Instant updatedAt,
    long lastSeq) {

  public CommissionRecord {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lease, "lease");
  }

  public String id() {
    return spec.id();
  }

  /** The record after a {@code created} event. */
  public static CommissionRecord created(Commission spec, Event created) {
    return new CommissionRecord(
        spec,
        created.text("snapshot_hash"),
        CommissionState.QUEUED,
        created.generation(),
        new Lease.Free(created.epoch()),
        null,
        null,
        null,
        0,
        created.instant("valid_until"),
        created.at(),
        created.at(),
        created.seq());
  }

  /** Replays a whole history; the first event must be {@code created}. */
  public static CommissionRecord replay(Commission spec, List<Event> events) {
    if (events.isEmpty() || events.getFirst().type() != EventType.CREATED) {
      throw new IllegalArgumentException("a history starts with a created event");
    }
    CommissionRecord r = created(spec, events.getFirst());
    for (Event e : events.subList(1, events.size())) {
      r = r.apply(e);
    }
    return r;
  }

  /** The state after one more event. */
  public CommissionRecord apply(Event e) {
    Builder b = new Builder(this, e);
    b.state = stateAfter(state, e);
    switch (e.type()) {
      case CREATED,
          INTAKE_CONFLICT,
          HEARTBEAT,
          REVALIDATED,
          EVIDENCE_RECORDED,
          APPLIED,
          TURN_COMPLETED,
          AGENT_APPROVAL,
          AGENT_NOTE,
          AGENT_EVIDENCE,
          PROJECTION_FAILED -> {}
      case PROJECTION_PUBLISHED -> {
        if (state == CommissionState.COMPLETED_WITH_PROJECTION_DEBT) {
          b.reason = null;
        }
      }
      case CLAIMED -> {
        b.lease =
            new Lease.Held(
                e.text("lease_id"), e.text("runner_id"), e.epoch(), e.instant("expires_at"));
        b.retryAt = null;
        b.reason = null;
      }
      case PHASE_STARTED, PHASE_PASSED -> b.phaseOf(e);
      case PHASE_FAILED -> {
        b.phaseOf(e);
        b.reason = e.text("reason");
        if (e.data().containsKey("retry_at")) {
          b.retryAt = e.instant("retry_at");
          b.free();
        }
      }
      case RELEASED, LEASE_EXPIRED -> b.free();
      case WAITING_HUMAN, APPROVED, COMPLETED, BLOCKED, REJECTED, FAILED, CANCELLED, EXPIRED -> {
        b.reason = e.text("reason");
        b.free();
      }
      case REQUEUED -> {
        b.reason = e.text("reason");
        b.free();
        b.retryAt = null;
        b.phase = null;
        b.attempt = 0;
      }
    }
    return b.build();
  }

  /** The state transition of one event; the single place that says what each event does to it. */
  public static CommissionState stateAfter(CommissionState state, Event e) {
    return switch (e.type()) {
      case CREATED, REQUEUED -> CommissionState.QUEUED;
      case CLAIMED -> state == CommissionState.QUEUED ? CommissionState.PREFLIGHTING : state;
      case PHASE_PASSED ->
          e.phase() == Phase.PREFLIGHT && state == CommissionState.PREFLIGHTING
              ? CommissionState.RUNNING
              : state;
      case WAITING_HUMAN -> CommissionState.WAITING_HUMAN;
      case APPROVED, COMPLETED, BLOCKED ->
          CommissionState.fromWire(e.text("state"))
              .orElseThrow(
                  () -> new IllegalArgumentException(e.type().wire() + " event without a state"));
      case REJECTED -> CommissionState.BLOCKED_POLICY;
      case FAILED -> CommissionState.FAILED;
      case CANCELLED -> CommissionState.CANCELLED;
      case EXPIRED -> CommissionState.EXPIRED;
      case PROJECTION_PUBLISHED ->
          state == CommissionState.COMPLETED_WITH_PROJECTION_DEBT
              ? CommissionState.COMPLETED
              : state;
      case INTAKE_CONFLICT,
          HEARTBEAT,
          PHASE_STARTED,
          PHASE_FAILED,
          REVALIDATED,
          RELEASED,
          LEASE_EXPIRED,
          EVIDENCE_RECORDED,
          APPLIED,
          TURN_COMPLETED,
          AGENT_APPROVAL,
          AGENT_NOTE,
          AGENT_EVIDENCE,
          PROJECTION_FAILED ->
          state;
    };
  }

  public CommissionRecord withLease(Lease newLease) {
    return new CommissionRecord(
        spec,
        snapshotHash,
        state,
        generation,
        newLease,
        retryAt,
        reason,
        phase,
        attempt,
        validUntil,
        createdAt,
        updatedAt,
        lastSeq);
  }

  /** Executing with an unexpired lease: a runner may be working on it right now. */
  public boolean heldAt(Instant now) {
    return state.leasable() && lease.heldLiveAt(now);
  }

  private static final class Builder {
    private final CommissionRecord from;
    private final Event e;
    CommissionState state;
    Lease lease;
    Instant retryAt;
    String reason;
    Phase phase;
    int attempt;

    Builder(CommissionRecord from, Event e) {
      this.from = from;
      this.e = e;
      state = from.state;
      lease = from.lease;
      retryAt = from.retryAt;
      reason = from.reason;
      phase = from.phase;
      attempt = from.attempt;
    }

    void free() {
      lease = new Lease.Free(e.epoch());
    }

    void phaseOf(Event ev) {
      phase = ev.phase();
      attempt = ev.attempt();
    }

    CommissionRecord build() {
      Lease l = lease instanceof Lease.Held ? lease : new Lease.Free(e.epoch());
      return new CommissionRecord(
          from.spec,
          from.snapshotHash,
          state,
          e.generation(),
          l,
          retryAt,
          reason,
          phase,
          attempt,
          from.validUntil,
          from.createdAt,
          e.at(),
          e.seq());
    }
  }
}
