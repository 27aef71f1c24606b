/**
 * The agent port: {@link dev.sleigh.agent.Agent} starts a session, a session runs turns to a {@link
 * dev.sleigh.agent.TurnOutcome}. What the adapters share lives here too: {@link
 * dev.sleigh.agent.AgentProcess} (an agent as a {@link dev.sleigh.process.Child} with the minimal
 * environment, its output as activity and log lines), {@link dev.sleigh.agent.StallWatch} and
 * {@link dev.sleigh.agent.TurnWait}, whose limits the {@link dev.sleigh.process.Watchdog} checks.
 * Depends on {@code domain}, {@code process}, SLF4J and the JDK only; one sub-package per protocol,
 * and {@code agent.kinds} picks one by name.
 */
package dev.sleigh.agent;
