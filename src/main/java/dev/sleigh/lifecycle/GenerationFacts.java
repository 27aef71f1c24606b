package dev.sleigh.lifecycle;

import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the current generation of a history has established: phases passed, attempts started,
 * failures counted against the retry budget, lease expiries, and human approvals bound to the
 * snapshot the commission has now. {@code atGate} holds the phases whose latest attempt waited for
 * a human, was approved, and has not been started again or failed since: that attempt resumes at
 * its gate.
 */
public record GenerationFacts(
    int generation,
    Set<Phase> passedPhases,
    Map<Phase, Integer> starts,
    Map<Phase, Integer> failures,
    int totalFailures,
    int leaseExpiries,
    Set<Phase> approved,
    Set<Phase> atGate) {

  public static GenerationFacts of(List<Event> events) {
    int generation = events.getLast().generation();
    String snapshot = null;
    EnumSet<Phase> passed = EnumSet.noneOf(Phase.class);
    EnumMap<Phase, Integer> starts = new EnumMap<>(Phase.class);
    EnumMap<Phase, Integer> failures = new EnumMap<>(Phase.class);
    EnumSet<Phase> approved = EnumSet.noneOf(Phase.class);
    EnumSet<Phase> atGate = EnumSet.noneOf(Phase.class);
    Phase waitingAt = null;
    int total = 0;
    int expiries = 0;
    for (Event e : events) {
      if (e.type() == EventType.CREATED) {
        snapshot = e.text("snapshot_hash");
      }
      if (e.generation() != generation) {
        continue;
      }
      switch (e.type()) {
        case PHASE_STARTED -> {
          starts.merge(e.phase(), 1, Integer::sum);
          atGate.remove(e.phase());
        }
        case PHASE_PASSED -> {
          passed.add(e.phase());
          atGate.remove(e.phase());
        }
        case PHASE_FAILED -> {
          failures.merge(e.phase(), 1, Integer::sum);
          total++;
          atGate.remove(e.phase());
        }
        case LEASE_EXPIRED -> expiries++;
        case WAITING_HUMAN -> waitingAt = e.phase();
        case APPROVED -> {
          if (waitingAt != null && e.text("snapshot_hash").equals(snapshot)) {
            approved.add(waitingAt);
            atGate.add(waitingAt);
          }
        }
        default -> {}
      }
    }
    return new GenerationFacts(
        generation, passed, starts, failures, total, expiries, approved, atGate);
  }

  public boolean passed(Phase p) {
    return passedPhases.contains(p);
  }

  public int started(Phase p) {
    return starts.getOrDefault(p, 0);
  }

  public int failed(Phase p) {
    return failures.getOrDefault(p, 0);
  }
}
