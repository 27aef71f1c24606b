package dev.sleigh.runtime;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Decision;
import dev.sleigh.store.Decisions;
import java.time.Instant;
import java.util.Optional;

/**
 * The preflight gates against current facts: the decision exists, is active and is still at the
 * commission's revision; the commission is within its validity. Run at preflight and again on
 * resume (revalidation), so a block always carries the current reason.
 */
final class PreflightGates {
  private final Decisions decisions;

  PreflightGates(Decisions decisions) {
    this.decisions = decisions;
  }

  /** The listed gates, in the order of the specification; {@code gates} names which apply. */
  PhaseResult check(Commission c, Instant validUntil, Instant now, java.util.List<String> gates) {
    if (gates.contains("valid_until") && !now.isBefore(validUntil)) {
      return new PhaseResult.Released("valid_until passed at " + validUntil);
    }
    if (gates.contains("problem_card_ref_present") && c.problemCardRef() == null) {
      return new PhaseResult.Blocked(CommissionState.BLOCKED_POLICY, "problem_card_ref_missing");
    }
    return gates.contains("decision_fresh") ? decisionFresh(c) : new PhaseResult.Passed();
  }

  private PhaseResult decisionFresh(Commission c) {
    String id = c.decision().id();
    Optional<Decision> found = decisions.find(id);
    if (found.isEmpty()) {
      return stale("decision_missing:" + id);
    }
    Decision d = found.get();
    return switch (d.status()) {
      case SUPERSEDED ->
          stale(
              "decision_superseded:"
                  + id
                  + (d.supersededBy() == null ? "" : " by " + d.supersededBy()));
      case DEPRECATED -> stale("decision_deprecated:" + id);
      case ACTIVE ->
          d.revision().equals(c.decision().revision())
              ? new PhaseResult.Passed()
              : stale(
                  "decision_revised:"
                      + id
                      + " (commission has "
                      + shortHash(c.decision().revision())
                      + ", current is "
                      + shortHash(d.revision())
                      + ")");
    };
  }

  private static PhaseResult stale(String reason) {
    return new PhaseResult.Blocked(CommissionState.BLOCKED_STALE, reason);
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
