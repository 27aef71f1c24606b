package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.TurnOutcome;

/** What the thread running a turn takes from the session's queue, in arrival order. */
sealed interface Inbound {
  /** A notification from codex. */
  record Notice(String method, JsonNode params) implements Inbound {}

  /** Codex asked for something only a person can give; it was refused. */
  record InputRequired(String method) implements Inbound {}

  /** The app-server process exited. */
  record Exited() implements Inbound {}

  /** The session was cancelled from outside. */
  record CancelRequested() implements Inbound {}

  /** The watchdog saw turn {@code turn} reach a limit (stall, turn timeout, cancel). */
  record LimitReached(int turn, TurnOutcome outcome) implements Inbound {}
}
