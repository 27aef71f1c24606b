package dev.sleigh.runtime.phase;

import dev.sleigh.agent.DoneContract;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;

/** The prompts of an execute session's turns. */
@FunctionalInterface
public interface TurnPrompts {
  String render(Commission commission, Phase phase, int attempt, int turn, int maxTurns);

  /**
   * The prompt of continuation turn {@code turn} (2 and later) on the same session; it repeats how
   * to say the work is done.
   */
  default String continuation(Commission commission, int turn, int maxTurns) {
    return "This is continuation turn "
        + turn
        + " of "
        + maxTurns
        + " for: "
        + commission.title()
        + ".\nDo not restate what you have done so far; go on with the work."
        + "\nDo not stop while the work is incomplete. "
        + DoneContract.REMINDER;
  }
}
