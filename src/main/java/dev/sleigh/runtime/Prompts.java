package dev.sleigh.runtime;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;

/** Renders the prompt of a phase's turn from the configured templates. */
@FunctionalInterface
public interface Prompts {
  String render(Commission commission, Phase phase, int attempt, int turn, int maxTurns);
}
