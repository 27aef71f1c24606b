package dev.sleigh.http;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.EvidenceRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The numbers {@code /metrics} must show, counted straight from the store by a test. */
final class StoreTally {
  final Map<String, Long> started = new HashMap<>();
  final Map<String, Long> retries = new HashMap<>();
  final Map<String, Long> stalls = new HashMap<>();
  final Map<String, Long> closed = new HashMap<>();
  final Map<String, Double> closedSeconds = new HashMap<>();
  long leaseExpiries;
  long claimed;
  double claimSeconds;
  double tokens;

  static StoreTally of(CommissionStore store) {
    StoreTally t = new StoreTally();
    for (CommissionRecord r : store.list(Optional.empty())) {
      t.add(store.events(r.id(), 0));
      for (EvidenceRecord e : store.evidence(r.id())) {
        if (e.name().equals("agent_session") && e.facts().get("tokens_total") instanceof Number n) {
          t.tokens += n.doubleValue();
        }
      }
    }
    return t;
  }

  private void add(List<Event> events) {
    Map<String, Event> open = new HashMap<>();
    Event created = events.getFirst();
    boolean claimSeen = false;
    for (Event e : events) {
      String key = e.generation() + "|" + e.phase() + "|" + e.attempt();
      switch (e.type()) {
        case PHASE_STARTED -> {
          started.merge(e.phase().wire(), 1L, Long::sum);
          open.put(key, e);
        }
        case PHASE_PASSED, PHASE_FAILED -> close(open.remove(key), e);
        case LEASE_EXPIRED -> leaseExpiries++;
        case CLAIMED -> {
          if (!claimSeen) {
            claimSeen = true;
            claimed++;
            claimSeconds += seconds(created, e);
          }
        }
        default -> {}
      }
      if (e.type() == EventType.PHASE_FAILED) {
        if (e.data().containsKey("retry_at")) {
          retries.merge(e.phase().wire(), 1L, Long::sum);
        }
        if (e.text("reason").startsWith("stalled")) {
          stalls.merge(e.phase().wire(), 1L, Long::sum);
        }
      }
    }
  }

  private void close(Event start, Event end) {
    String key =
        end.phase().wire() + "|" + (end.type() == EventType.PHASE_PASSED ? "passed" : "failed");
    closed.merge(key, 1L, Long::sum);
    closedSeconds.merge(key, seconds(start, end), Double::sum);
  }

  private static double seconds(Event from, Event to) {
    return Duration.between(from.at(), to.at()).toNanos() / 1e9;
  }

  long started(Phase p) {
    return started.getOrDefault(p.wire(), 0L);
  }

  long closed(Phase p, String outcome) {
    return closed.getOrDefault(p.wire() + "|" + outcome, 0L);
  }

  double closedSeconds(Phase p, String outcome) {
    return closedSeconds.getOrDefault(p.wire() + "|" + outcome, 0.0);
  }
}
