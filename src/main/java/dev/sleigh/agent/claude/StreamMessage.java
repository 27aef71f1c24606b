package dev.sleigh.agent.claude;

import dev.sleigh.agent.TokenUsage;
import java.util.Optional;

/**
 * One line of the {@code stream-json} output of {@code claude}, as far as Sleigh reads it. Every
 * message carries the session id it belongs to, when it says one.
 */
sealed interface StreamMessage {

  /** The {@code system/init} message that opens every run: the session a later turn resumes. */
  record Init(String sessionId, String model) implements StreamMessage {}

  /** A model message ({@code assistant}) or tool results sent back to it ({@code user}). */
  record Conversation(String type, Optional<String> sessionId) implements StreamMessage {}

  /**
   * The final {@code result} message of a run.
   *
   * @param subtype {@code success}, {@code error_max_turns}, {@code error_during_execution}, …
   * @param isError whether the run failed; an API error arrives as {@code success} with this set
   * @param text the final text ({@code result}), empty when there is none
   * @param usage the tokens of this run alone (a resumed run does not include earlier runs)
   * @param apiErrorStatus the HTTP status of the model API error that ended the run, if any
   * @param permissionDenials how many tool calls were refused for want of permission
   */
  record Result(
      String sessionId,
      String subtype,
      boolean isError,
      int numTurns,
      double totalCostUsd,
      TokenUsage usage,
      String text,
      Optional<Integer> apiErrorStatus,
      int permissionDenials)
      implements StreamMessage {}

  /** A well-formed message of a type Sleigh does not read (hooks, retries, status, …). */
  record Other(String type, Optional<String> sessionId) implements StreamMessage {}

  /** A line that is not a JSON object: skipped and counted. */
  record NotJson(String line) implements StreamMessage {}

  /** The session id the message names, if any. */
  default Optional<String> session() {
    return switch (this) {
      case Init i -> Optional.of(i.sessionId());
      case Conversation c -> c.sessionId();
      case Result r -> Optional.ofNullable(r.sessionId());
      case Other o -> o.sessionId();
      case NotJson n -> Optional.empty();
    };
  }
}
