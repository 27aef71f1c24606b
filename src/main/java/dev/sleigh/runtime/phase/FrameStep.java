package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;

/** Frame: {@code problem_card_ref_present}, where the workflow lists it for frame. */
final class FrameStep implements PhaseStep {
  private final Safeguards safeguards;

  FrameStep(Safeguards safeguards) {
    this.safeguards = safeguards;
  }

  @Override
  public PhaseResult run(PhaseAttempt at) {
    return GateCheck.where(
            safeguards.has(Phase.FRAME, Gate.PROBLEM_CARD_REF_PRESENT),
            () -> PreflightStep.problemCard(at.record().spec()))
        .check()
        .orElseGet(PhaseResult.Passed::new);
  }
}
