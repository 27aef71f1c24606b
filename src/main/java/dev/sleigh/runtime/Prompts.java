package dev.sleigh.runtime;

import dev.sleigh.runtime.phase.TurnPrompts;

/** Renders the prompt of a phase's turn from the configured templates. */
@FunctionalInterface
public interface Prompts extends TurnPrompts {}
