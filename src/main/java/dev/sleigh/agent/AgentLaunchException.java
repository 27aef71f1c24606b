package dev.sleigh.agent;

/** The agent could not be started (missing binary, bad argv); retryable within the budget. */
public final class AgentLaunchException extends Exception {
  public AgentLaunchException(String message, Throwable cause) {
    super(message, cause);
  }

  public AgentLaunchException(String message) {
    super(message);
  }
}
