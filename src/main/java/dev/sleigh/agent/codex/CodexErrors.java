package dev.sleigh.agent.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.agent.AgentFailure;
import dev.sleigh.agent.TurnOutcome;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies the error of a failed codex turn ({@code turn.error}: a message and {@code
 * codexErrorInfo}). The HTTP status codex forwards ({@code {"httpConnectionFailed":
 * {"httpStatusCode": 401}}} and its siblings) decides through {@link AgentFailure#ofHttpStatus};
 * named errors decide by name. A 400 arrives as {@code "other"} with the model API's JSON error
 * body as its message (codex 0.169.0), which is how it is recognised.
 */
final class CodexErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MESSAGE_LIMIT = 240;

  /** Named errors with a class of their own. */
  private static final Map<String, AgentFailure> NAMED =
      Map.of(
          "unauthorized", AgentFailure.AUTHENTICATION,
          "badRequest", AgentFailure.BAD_REQUEST,
          "modelNotFound", AgentFailure.BAD_REQUEST,
          "rateLimitExceeded", AgentFailure.RATE_LIMITED,
          "serverOverloaded", AgentFailure.SERVER_ERROR,
          "internalServerError", AgentFailure.SERVER_ERROR);

  /** Other failures a new attempt would meet again. */
  private static final Set<String> FINAL =
      Set.of(
          "contextWindowExceeded",
          "sessionBudgetExceeded",
          "usageLimitExceeded",
          "cyberPolicy",
          "misalignmentPolicyViolation",
          "tooManyDenials",
          "inferenceHookDenied");

  private CodexErrors() {}

  /**
   * The outcome of a turn that failed with {@code error}; {@code fallback} when it says nothing.
   */
  static TurnOutcome.Failed failed(JsonNode error, String fallback) {
    String message =
        clip(error.path("message").asText(fallback == null ? "no error given" : fallback));
    JsonNode info = error.path("codexErrorInfo");
    Optional<Integer> status = httpStatus(info);
    Optional<AgentFailure> kind =
        status.flatMap(AgentFailure::ofHttpStatus).or(() -> named(info, message));
    if (kind.isPresent()) {
      String http = status.map(s -> "HTTP " + s + ": ").orElse("");
      return kind.get().outcome("codex: " + http + message + fix(kind.get()));
    }
    boolean last = info.isTextual() && FINAL.contains(info.asText());
    return new TurnOutcome.Failed("turn_failed: " + message, !last);
  }

  /** The status of a {@code {"someFailure": {"httpStatusCode": N}}} error, if it has one. */
  static Optional<Integer> httpStatus(JsonNode info) {
    if (!info.isObject()) {
      return Optional.empty();
    }
    for (JsonNode variant : info) {
      JsonNode code = variant.path("httpStatusCode");
      if (code.isIntegralNumber()) {
        return Optional.of(code.asInt());
      }
    }
    return Optional.empty();
  }

  private static Optional<AgentFailure> named(JsonNode info, String message) {
    if (!info.isTextual()) {
      return Optional.empty();
    }
    if (info.asText().equals("other") && isErrorBody(message)) {
      return Optional.of(AgentFailure.BAD_REQUEST);
    }
    return Optional.ofNullable(NAMED.get(info.asText()));
  }

  /** Whether {@code message} is a model API's error body, {@code {"error": {...}}}. */
  private static boolean isErrorBody(String message) {
    try {
      JsonNode body = JSON.readTree(message);
      return body != null && body.path("error").isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String fix(AgentFailure kind) {
    return switch (kind) {
      case AUTHENTICATION ->
          "; check the API key codex gets through agent.env (OPENAI_API_KEY, or the env_key of"
              + " the provider in agent.codex.config)";
      case BAD_REQUEST -> "; check agent.model and the provider settings in agent.codex.config";
      default -> "";
    };
  }

  private static String clip(String message) {
    String flat = message.strip().replaceAll("\\s+", " ");
    return flat.length() > MESSAGE_LIMIT ? flat.substring(0, MESSAGE_LIMIT) + "…" : flat;
  }
}
