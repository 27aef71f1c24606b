package dev.sleigh.runtime.phase;

/** The work of one phase for one attempt, up to but not including the human gate. */
interface PhaseStep {
  PhaseResult run(PhaseAttempt at) throws InterruptedException;
}
