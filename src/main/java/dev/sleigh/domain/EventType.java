package dev.sleigh.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The event types of SPEC §3.2 ({@code type} in {@code events --json}). */
public enum EventType {
  CREATED,
  INTAKE_CONFLICT,
  CLAIMED,
  HEARTBEAT,
  PHASE_STARTED,
  PHASE_PASSED,
  PHASE_FAILED,
  REVALIDATED,
  WAITING_HUMAN,
  APPROVED,
  REJECTED,
  RELEASED,
  LEASE_EXPIRED,
  COMPLETED,
  BLOCKED,
  FAILED,
  REQUEUED,
  CANCELLED,
  EXPIRED,
  EVIDENCE_RECORDED,
  APPLIED,
  TURN_COMPLETED,
  AGENT_APPROVAL,
  /** A completed commission's outcome reached every projection target. */
  PROJECTION_PUBLISHED,
  /** Publishing a completed commission's outcome failed; its data says whether it is retried. */
  PROJECTION_FAILED,
  /** The agent wrote a note through its tools ({@code note_add}). */
  AGENT_NOTE,
  /**
   * The agent ran the commission's evidence commands through its tools ({@code evidence_run}): what
   * they showed then, never measure's verdict.
   */
  AGENT_EVIDENCE;

  /**
   * Whether the run that held the lease is over once this event is appended. A failed phase with a
   * retry ahead ends its run too; that depends on the event's data, so the caller checks it.
   */
  public boolean endsRun() {
    return switch (this) {
      case RELEASED,
          WAITING_HUMAN,
          COMPLETED,
          BLOCKED,
          FAILED,
          CANCELLED,
          REQUEUED,
          LEASE_EXPIRED,
          EXPIRED ->
          true;
      case CREATED,
          INTAKE_CONFLICT,
          CLAIMED,
          HEARTBEAT,
          PHASE_STARTED,
          PHASE_PASSED,
          PHASE_FAILED,
          REVALIDATED,
          APPROVED,
          REJECTED,
          EVIDENCE_RECORDED,
          APPLIED,
          TURN_COMPLETED,
          AGENT_APPROVAL,
          PROJECTION_PUBLISHED,
          PROJECTION_FAILED,
          AGENT_NOTE,
          AGENT_EVIDENCE ->
          false;
    };
  }

  /** Whether this event settles a commission: after it, it moves only by an operator's hand. */
  public boolean endsCommission() {
    return switch (this) {
      case COMPLETED, FAILED, BLOCKED, REJECTED, CANCELLED, EXPIRED -> true;
      case CREATED,
          INTAKE_CONFLICT,
          CLAIMED,
          HEARTBEAT,
          PHASE_STARTED,
          PHASE_PASSED,
          PHASE_FAILED,
          REVALIDATED,
          WAITING_HUMAN,
          APPROVED,
          RELEASED,
          LEASE_EXPIRED,
          REQUEUED,
          EVIDENCE_RECORDED,
          APPLIED,
          TURN_COMPLETED,
          AGENT_APPROVAL,
          PROJECTION_PUBLISHED,
          PROJECTION_FAILED,
          AGENT_NOTE,
          AGENT_EVIDENCE ->
          false;
    };
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> fromWire(String text) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(text)).findFirst();
  }
}
