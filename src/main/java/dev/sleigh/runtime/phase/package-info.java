/**
 * One phase attempt, step by step: a {@link dev.sleigh.runtime.phase.PhaseAttempt} names it; {@link
 * dev.sleigh.runtime.phase.PhaseSteps} runs the step of its phase (preflight, frame, execute,
 * measure) and then the human gate on what the step found. Each gate is a {@code GateCheck} that
 * answers with how the attempt ends or with nothing; the hooks stand around a step's work in one
 * place ({@code StepHooks}). What a step reaches outside itself comes in as ports — the run's
 * {@link dev.sleigh.runtime.phase.PhaseJournal}, the {@link dev.sleigh.runtime.phase.Workbench},
 * the agent, the decisions and a shell for hooks and evidence — so each step is tested with fakes.
 * Depends on {@code domain}, {@code store} (its port only), {@code agent}, {@code workspace} and
 * {@code process}; never on {@code runtime}, which builds and drives it.
 */
package dev.sleigh.runtime.phase;
