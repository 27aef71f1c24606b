package dev.sleigh.agent;

/**
 * One agent process (or conversation) for one phase attempt; turns run one after another. {@link
 * #close()} must leave no process of the session alive.
 */
public interface AgentSession extends AutoCloseable {
  /** Runs one turn to its outcome; blocks until then, never longer than the turn timeout. */
  TurnOutcome runTurn(Turn turn, TurnListener listener) throws InterruptedException;

  /** Asks the agent to stop; after the cancel grace its whole process tree is killed. */
  void cancel();

  /** The operating-system process id of the agent, or -1 when it has none. */
  long pid();

  @Override
  void close();
}
