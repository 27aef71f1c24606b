package dev.sleigh.agent.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.agent.TokenUsage;
import java.util.Optional;

/**
 * Reads one line of {@code stream-json} output into a {@link StreamMessage}. Unknown fields and
 * message types are expected (the format grows with every release) and never an error.
 */
final class StreamJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StreamJson() {}

  static StreamMessage parse(String line) {
    JsonNode node;
    try {
      node = line.isBlank() ? null : MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject() || !node.path("type").isTextual()) {
      return new StreamMessage.NotJson(line);
    }
    String type = node.path("type").asText();
    Optional<String> session = text(node, "session_id");
    return switch (type) {
      case "system" ->
          "init".equals(node.path("subtype").asText()) && session.isPresent()
              ? new StreamMessage.Init(session.get(), node.path("model").asText(""))
              : new StreamMessage.Other(type, session);
      case "assistant", "user" -> new StreamMessage.Conversation(type, session);
      case "result" -> result(node, session);
      default -> new StreamMessage.Other(type, session);
    };
  }

  private static StreamMessage.Result result(JsonNode node, Optional<String> session) {
    JsonNode status = node.path("api_error_status");
    return new StreamMessage.Result(
        session.orElse(null),
        node.path("subtype").asText(""),
        node.path("is_error").asBoolean(false),
        node.path("num_turns").asInt(0),
        node.path("total_cost_usd").asDouble(0),
        usage(node.path("usage")),
        node.path("result").asText(""),
        status.isIntegralNumber() ? Optional.of(status.asInt()) : Optional.empty(),
        node.path("permission_denials").size());
  }

  /** Input counts every token the model read: fresh, written to the cache and read from it. */
  static TokenUsage usage(JsonNode usage) {
    long input =
        usage.path("input_tokens").asLong(0)
            + usage.path("cache_creation_input_tokens").asLong(0)
            + usage.path("cache_read_input_tokens").asLong(0);
    long output = usage.path("output_tokens").asLong(0);
    return new TokenUsage(input, output, input + output);
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }
}
