/**
 * The lifecycle of a commission in one room: the {@code Command}s that change a commission, the
 * pure {@code CommandDecider} that turns a command and the history into events or a refusal (its
 * {@code ErrorCode}s and {@code StoreError}), the {@code Emitter} of those events, the {@code
 * Lifecycle} table of which command may move which state where (and {@code LifecycleDoc}, which
 * renders it for docs/lifecycle.md), {@code CommandKind}, and {@code ResumePoint} with the {@code
 * GenerationFacts} it is computed from. Pure: the JDK and {@code domain} only; the store executes
 * what is decided here.
 */
package dev.sleigh.lifecycle;
