package dev.sleigh.lifecycle;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Workflow;
import java.util.List;
import java.util.Set;

/**
 * Where a claimed commission continues (SPEC §3.3), computed only from durable events of the
 * current generation, never from a runner's memory.
 */
public sealed interface ResumePoint {

  /** Nothing to run: the commission is settled or waits for an operator. */
  record Nothing(CommissionState state) implements ResumePoint {}

  /**
   * Run {@code phase} as attempt {@code attempt}; human gates of {@code approved} phases are met.
   * {@code atHumanGate}: the attempt is not a new one but the one that waited for a human and was
   * approved; it goes on at its gate, so no start of it is recorded again.
   */
  record Run(Phase phase, int attempt, int generation, Set<Phase> approved, boolean atHumanGate)
      implements ResumePoint {
    public Run {
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt starts at 1");
      }
      approved = approved.isEmpty() ? Set.of() : Set.copyOf(approved);
    }

    /** A new attempt. */
    public Run(Phase phase, int attempt, int generation, Set<Phase> approved) {
      this(phase, attempt, generation, approved, false);
    }
  }

  /** Every phase of the workflow passed; only {@code complete} is left. */
  record Finish(int generation) implements ResumePoint {}

  /** The resume point of a history; {@code events} is the whole history in order. */
  static ResumePoint from(List<Event> events, Workflow workflow) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("an empty history has no resume point");
    }
    CommissionState state = stateOf(events);
    if (!state.leasable() && state != CommissionState.QUEUED) {
      return new Nothing(state);
    }
    GenerationFacts facts = GenerationFacts.of(events);
    for (Phase phase : workflow.phases()) {
      if (!facts.passed(phase)) {
        // An approved execute is not done again: the attempt that waited resumes at its gate.
        // Other phases have nothing to keep from the attempt that waited and run once more.
        if (phase == Phase.EXECUTE && facts.atGate().contains(phase) && facts.started(phase) > 0) {
          return new Run(phase, facts.started(phase), facts.generation(), facts.approved(), true);
        }
        return new Run(phase, facts.started(phase) + 1, facts.generation(), facts.approved());
      }
    }
    return new Finish(facts.generation());
  }

  private static CommissionState stateOf(List<Event> events) {
    CommissionState state = CommissionState.QUEUED;
    for (Event e : events) {
      state = CommissionRecord.stateAfter(state, e);
    }
    return state;
  }
}
