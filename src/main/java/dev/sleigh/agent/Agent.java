package dev.sleigh.agent;

/**
 * A coding agent that can be started for one phase attempt of one commission. Each kind (command,
 * demo, codex, claude) is one implementation in its own package; {@code agent.kinds} builds the one
 * a configuration names.
 */
public interface Agent {
  /** The name operators use in {@code agent.kind}. */
  String kind();

  /** Starts a session in the workspace; a launch that fails is a retryable failure. */
  AgentSession start(SessionSpec spec) throws AgentLaunchException;
}
