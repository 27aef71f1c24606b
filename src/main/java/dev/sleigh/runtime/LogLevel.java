package dev.sleigh.runtime;

import dev.sleigh.domain.EventType;
import dev.sleigh.runtime.phase.RunNote;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code level} of a runtime log record: {@code error} when a commission failed for good,
 * {@code warn} when something went wrong that a retry, an operator or the commission's own rules
 * may still settle (a failed attempt, an evidence command or hook that did not pass, a turn that
 * did not complete, a lost lease, a block, an expiry), {@code info} for everything else.
 */
public enum LogLevel {
  INFO,
  WARN,
  ERROR;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level of a store event with {@code data}. */
  public static LogLevel of(EventType type, Map<String, Object> data) {
    return switch (type) {
      case FAILED -> ERROR;
      case INTAKE_CONFLICT, PHASE_FAILED, LEASE_EXPIRED, BLOCKED, EXPIRED, PROJECTION_FAILED ->
          WARN;
      case EVIDENCE_RECORDED -> Boolean.FALSE.equals(value(data, "passed")) ? WARN : INFO;
      case CREATED,
          CLAIMED,
          HEARTBEAT,
          PHASE_STARTED,
          PHASE_PASSED,
          REVALIDATED,
          WAITING_HUMAN,
          APPROVED,
          REJECTED,
          RELEASED,
          COMPLETED,
          REQUEUED,
          CANCELLED,
          APPLIED,
          TURN_COMPLETED,
          AGENT_APPROVAL,
          AGENT_NOTE,
          AGENT_EVIDENCE,
          PROJECTION_PUBLISHED ->
          INFO;
    };
  }

  /** The level of a note with {@code data}. */
  public static LogLevel of(RunNote note, Map<String, Object> data) {
    return switch (note) {
      case TURN_ENDED -> "completed".equals(value(data, "outcome")) ? INFO : WARN;
      case HOOK -> Boolean.FALSE.equals(value(data, "passed")) ? WARN : INFO;
      case CLAIMED, TURN_STARTED, AGENT_STARTED, AGENT_APPROVAL, RUN_ENDED -> INFO;
    };
  }

  private static Object value(Map<String, Object> data, String key) {
    return data == null ? null : data.get(key);
  }
}
