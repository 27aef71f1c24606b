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
  AGENT_APPROVAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> fromWire(String text) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(text)).findFirst();
  }
}
