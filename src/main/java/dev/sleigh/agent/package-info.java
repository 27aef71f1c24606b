/**
 * The agent port: {@link dev.sleigh.agent.Agent} starts a session, a session runs turns to a {@link
 * dev.sleigh.agent.TurnOutcome}. Process handling shared by the adapters lives here too: {@link
 * dev.sleigh.agent.AgentProcess} (argv, minimal environment, own process group, whole-tree stop),
 * {@link dev.sleigh.agent.StallWatch} and {@link dev.sleigh.agent.TurnWait}. Depends on {@code
 * domain}, SLF4J and the JDK only; one sub-package per protocol, and {@code agent.kinds} picks one
 * by name.
 */
package dev.sleigh.agent;
