package dev.sleigh.agent;

/** Receives what a turn does while it runs: every sign of life counts for stall detection. */
public interface TurnListener {
  /** A line of output or a protocol message: the agent is alive. */
  void activity(String line);

  /** The turn's agent process started; its pid lets a later runner end it if it is orphaned. */
  default void processStarted(long pid) {}

  /**
   * The agent asked to act beyond what it may do on its own, and Sleigh answered; called on a
   * thread that reads the agent's output, so it must not block.
   */
  default void approval(AgentApproval request) {}

  /** Token totals for the session so far (absolute, not increments). */
  default void tokens(TokenUsage totals) {}

  TurnListener NONE = line -> {};
}
