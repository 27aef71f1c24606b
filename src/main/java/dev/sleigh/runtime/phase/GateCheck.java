package dev.sleigh.runtime.phase;

import java.util.List;
import java.util.Optional;

/**
 * One gate asked about the attempt as it stands: empty when it lets the phase go on, else how the
 * attempt ends (never a pass).
 */
@FunctionalInterface
public interface GateCheck {
  /** A gate that is not listed: it lets everything through. */
  GateCheck OPEN = Optional::empty;

  Optional<PhaseResult> check();

  /** The first of {@code checks}, in order, that stops the attempt; empty when all let it go on. */
  static Optional<PhaseResult> firstOf(List<GateCheck> checks) {
    for (GateCheck c : checks) {
      Optional<PhaseResult> stop = c.check();
      if (stop.isPresent()) {
        return stop;
      }
    }
    return Optional.empty();
  }

  /** This gate where {@code listed}, else {@link #OPEN}. */
  static GateCheck where(boolean listed, GateCheck check) {
    return listed ? check : OPEN;
  }
}
