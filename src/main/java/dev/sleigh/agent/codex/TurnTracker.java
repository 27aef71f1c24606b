package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.TurnOutcome;
import java.util.Optional;

/**
 * What one codex turn has said so far: its id, the agent's last message and the last error it will
 * not retry. Turns {@code turn/completed} into the outcome: {@code completed} is a completed turn,
 * finished when the last message has a line {@value #DONE}; {@code failed} is a failure even though
 * it arrives as a completion, classified by {@link CodexErrors}.
 */
final class TurnTracker {
  /** The line by which the agent says the work is done (the execute prompt asks for it). */
  static final String DONE = DoneContract.MARKER;

  private String turnId;
  private String lastMessage = "";
  private JsonNode lastError;

  void started(String id) {
    this.turnId = id;
  }

  Optional<String> id() {
    return Optional.ofNullable(turnId);
  }

  /** Whether a notification's {@code turnId} names this turn. */
  boolean concerns(JsonNode params) {
    return turnId != null && turnId.equals(params.path("turnId").asText(null));
  }

  /** Whether a {@code turn/completed} is about this turn. */
  boolean endedBy(JsonNode params) {
    return turnId != null && turnId.equals(params.path("turn").path("id").asText(null));
  }

  void itemCompleted(JsonNode params) {
    JsonNode item = params.path("item");
    if (concerns(params) && item.path("type").asText().equals("agentMessage")) {
      lastMessage = item.path("text").asText("");
    }
  }

  void error(JsonNode params) {
    if (concerns(params) && !params.path("willRetry").asBoolean(false)) {
      lastError = params.path("error");
    }
  }

  /** The outcome of this turn as {@code turn/completed} reports it. */
  TurnOutcome completed(JsonNode turn, TokenUsage usage) {
    return switch (turn.path("status").asText()) {
      case "completed" -> new TurnOutcome.Completed(usage, saysDone(finalMessage(turn)));
      case "failed" -> failed(turn.path("error"));
      case "interrupted" -> new TurnOutcome.Failed("turn_interrupted", true);
      default -> new TurnOutcome.Failed("turn_status: " + turn.path("status").asText("none"), true);
    };
  }

  private TurnOutcome failed(JsonNode error) {
    boolean given = error.isObject() && !error.path("message").isMissingNode();
    if (!given && lastError != null) {
      return CodexErrors.failed(lastError, null);
    }
    return CodexErrors.failed(error, null);
  }

  /** The last agent message, from the item notifications or else from the turn's own items. */
  private String finalMessage(JsonNode turn) {
    String fromItems = lastMessage;
    for (JsonNode item : turn.path("items")) {
      if (item.path("type").asText().equals("agentMessage")) {
        fromItems = item.path("text").asText("");
      }
    }
    return fromItems;
  }

  static boolean saysDone(String message) {
    return DoneContract.saysDone(message);
  }

  /** Absolute thread totals from {@code thread/tokenUsage/updated}. */
  static TokenUsage totals(JsonNode params) {
    JsonNode total = params.path("tokenUsage").path("total");
    return new TokenUsage(
        total.path("inputTokens").asLong(0),
        total.path("outputTokens").asLong(0),
        total.path("totalTokens").asLong(0));
  }
}
