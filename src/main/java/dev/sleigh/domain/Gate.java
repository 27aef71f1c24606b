package dev.sleigh.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Every gate this build knows, by the name a workflow lists it under, and the phases it guards. */
public enum Gate {
  COMMISSION_RUNNABLE(Set.of(Phase.PREFLIGHT)),
  DECISION_FRESH(Set.of(Phase.PREFLIGHT)),
  VALID_UNTIL(Set.of(Phase.PREFLIGHT)),
  LOCKS_FREE(Set.of(Phase.PREFLIGHT)),
  PROBLEM_CARD_REF_PRESENT(Set.of(Phase.PREFLIGHT, Phase.FRAME)),
  SCOPE_CLEAN(Set.of(Phase.EXECUTE)),
  NON_EMPTY_DIFF(Set.of(Phase.EXECUTE)),
  EVIDENCE_PASSED(Set.of(Phase.MEASURE)),
  HUMAN_APPROVAL(Set.of(Phase.values())),
  JUDGE(Set.of(Phase.EXECUTE, Phase.MEASURE));

  private final Set<Phase> phases;

  Gate(Set<Phase> phases) {
    this.phases = phases;
  }

  /** The name in {@code workflow.phases.<phase>.gates}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a workflow may list this gate for {@code phase}. */
  public boolean guards(Phase phase) {
    return phases.contains(phase);
  }

  public static Optional<Gate> fromWire(String name) {
    return Arrays.stream(values()).filter(g -> g.wire().equals(name)).findFirst();
  }
}
