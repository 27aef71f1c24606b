package dev.sleigh.runtime.phase;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.lifecycle.CheckpointPack;

/** How one phase attempt ended, as the runner records it. */
public sealed interface PhaseResult {
  /** The phase passed; execute's pass carries the checkpoint of the tree it passed with. */
  record Passed(CheckpointPack checkpoint) implements PhaseResult {
    /** A pass that names no checkpoint. */
    public Passed() {
      this(null);
    }
  }

  record Failed(String reason, boolean retryable) implements PhaseResult {}

  /** A gate found the commission cannot go on as it is. */
  record Blocked(CommissionState state, String reason) implements PhaseResult {}

  /** A human must approve before the phase can pass; the lease is released while they decide. */
  record AwaitHuman(String reason) implements PhaseResult {}

  /** The runner lets go without a verdict (shutdown, or a deadline the sweeper acts on). */
  record Released(String reason) implements PhaseResult {}

  /** The lease is gone or the commission cancelled: write nothing more. */
  record Stopped(String reason) implements PhaseResult {}
}
