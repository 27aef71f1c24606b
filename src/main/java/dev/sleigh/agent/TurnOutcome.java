package dev.sleigh.agent;

import java.time.Duration;

/** How a turn ended; every failure says whether it may be retried. */
public sealed interface TurnOutcome {
  boolean retryable();

  String reason();

  /**
   * The turn ended normally. {@code finished} says whether the agent considers the work done; when
   * false the runtime may give it a continuation turn (up to {@code autonomy.max_turns}). {@code
   * usage} holds the session's token totals after the turn.
   */
  record Completed(TokenUsage usage, boolean finished) implements TurnOutcome {
    /** A turn of an agent that finishes in one turn. */
    public Completed(TokenUsage usage) {
      this(usage, true);
    }

    public boolean retryable() {
      return false;
    }

    public String reason() {
      return "completed";
    }
  }

  /** The agent reported failure or exited non-zero. */
  record Failed(String reason, boolean retryable) implements TurnOutcome {}

  /** No activity for the stall timeout; the process tree was killed. */
  record Stalled(Duration silence) implements TurnOutcome {
    public boolean retryable() {
      return true;
    }

    public String reason() {
      return "stalled";
    }
  }

  /** The turn outlived the turn timeout; the process tree was killed. */
  record TimedOut(Duration limit) implements TurnOutcome {
    public boolean retryable() {
      return true;
    }

    public String reason() {
      return "turn_timeout";
    }
  }

  /** The session was cancelled from outside (cancel, lost lease, shutdown). */
  record Cancelled() implements TurnOutcome {
    public boolean retryable() {
      return false;
    }

    public String reason() {
      return "cancelled";
    }
  }
}
