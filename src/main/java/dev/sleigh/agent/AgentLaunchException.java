package dev.sleigh.agent;

import java.util.Optional;

/**
 * The agent could not be started. A failure with a class ({@link AgentFailure}) is as retryable as
 * its class says (a missing program or variable is not); one without (a process that could not be
 * forked, a log that could not be opened) is retryable within the budget.
 */
public final class AgentLaunchException extends Exception {
  private final transient AgentFailure failure;

  public AgentLaunchException(String message, Throwable cause) {
    super(message, cause);
    this.failure = null;
  }

  public AgentLaunchException(String message) {
    super(message);
    this.failure = null;
  }

  public AgentLaunchException(AgentFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public AgentLaunchException(AgentFailure failure, String message) {
    this(failure, message, null);
  }

  public Optional<AgentFailure> failure() {
    return Optional.ofNullable(failure);
  }

  public boolean retryable() {
    return failure == null || failure.retryable();
  }

  /** The failure's reason: its class's code, or {@code agent_launch_failed}, then the message. */
  public String reason() {
    return failure == null ? "agent_launch_failed: " + getMessage() : failure.reason(getMessage());
  }

  /** The turn outcome of this launch failure. */
  public TurnOutcome.Failed outcome() {
    return new TurnOutcome.Failed(reason(), retryable());
  }
}
