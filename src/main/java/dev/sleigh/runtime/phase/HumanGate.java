package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import java.util.Set;

/**
 * The human gate, decided here alone: a phase that passed its other gates still waits for a human
 * when the workflow lists {@code human_approval} for it, {@code gates.human} asks for it, or the
 * commission's one-way door does (execute); an approval of this generation for this snapshot meets
 * it, and an execute so approved is not done again, only re-checked.
 */
final class HumanGate {
  private final Safeguards safeguards;
  private final Set<Phase> approved;

  /** {@code approved}: phases whose human gate an approval of this generation already met. */
  HumanGate(Safeguards safeguards, Set<Phase> approved) {
    this.safeguards = safeguards;
    this.approved = Set.copyOf(approved);
  }

  /** Whether a human already approved {@code phase}'s outcome in this generation. */
  boolean approved(Phase phase) {
    return approved.contains(phase);
  }

  /** The attempt's result once the human gate has had its say on it. */
  PhaseResult after(PhaseAttempt at, PhaseResult gates) {
    Phase p = at.phase();
    Commission c = at.record().spec();
    boolean required =
        safeguards.has(p, Gate.HUMAN_APPROVAL) || safeguards.human().requiredFor(c, p);
    if (!(gates instanceof PhaseResult.Passed) || !required || approved(p)) {
      return gates;
    }
    String why =
        p == Phase.EXECUTE && c.autonomy().oneWayDoor() == Commission.OneWayDoor.REQUIRE_APPROVAL
            ? "one_way_door"
            : "human_approval";
    return new PhaseResult.AwaitHuman(
        why
            + ": approve "
            + p.wire()
            + " with 'sleigh approve "
            + at.commissionId()
            + "' or reject it");
  }
}
