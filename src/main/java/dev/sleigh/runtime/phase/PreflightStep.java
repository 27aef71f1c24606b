package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Decision;
import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.store.Decisions;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Preflight: its gates against current facts — the commission is within its validity, names a
 * problem card, and its decision exists, is active and is still at the commission's revision. Run
 * at preflight and again on resume (revalidation), so a block always carries the current reason.
 */
final class PreflightStep implements PhaseStep {
  private final Decisions decisions;
  private final Safeguards safeguards;
  private final InstantSource clock;

  PreflightStep(Decisions decisions, Safeguards safeguards, InstantSource clock) {
    this.decisions = decisions;
    this.safeguards = safeguards;
    this.clock = clock;
  }

  @Override
  public PhaseResult run(PhaseAttempt at) {
    return check(at.record());
  }

  /** The listed gates, in the order of the specification. */
  PhaseResult check(CommissionRecord record) {
    Commission c = record.spec();
    return GateCheck.firstOf(
            List.of(
                GateCheck.where(listed(Gate.VALID_UNTIL), () -> validUntil(record)),
                GateCheck.where(listed(Gate.PROBLEM_CARD_REF_PRESENT), () -> problemCard(c)),
                GateCheck.where(listed(Gate.DECISION_FRESH), () -> decisionFresh(c))))
        .orElseGet(PhaseResult.Passed::new);
  }

  private boolean listed(Gate gate) {
    return safeguards.has(Phase.PREFLIGHT, gate);
  }

  private Optional<PhaseResult> validUntil(CommissionRecord record) {
    return clock.instant().isBefore(record.validUntil())
        ? Optional.empty()
        : Optional.of(new PhaseResult.Released("valid_until passed at " + record.validUntil()));
  }

  /** {@code problem_card_ref_present}: the commission must name a problem card. */
  static Optional<PhaseResult> problemCard(Commission c) {
    return c.problemCardRef() != null
        ? Optional.empty()
        : Optional.of(
            new PhaseResult.Blocked(CommissionState.BLOCKED_POLICY, "problem_card_ref_missing"));
  }

  private Optional<PhaseResult> decisionFresh(Commission c) {
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
              ? Optional.empty()
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

  private static Optional<PhaseResult> stale(String reason) {
    return Optional.of(new PhaseResult.Blocked(CommissionState.BLOCKED_STALE, reason));
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
