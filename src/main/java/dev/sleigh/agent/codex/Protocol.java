package dev.sleigh.agent.codex;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.domain.ApprovalPolicy;
import java.util.List;

/**
 * The JSON-RPC messages Sleigh sends to {@code codex app-server}, shaped as the JSON schema of the
 * tested codex release ({@code codex app-server generate-json-schema}) defines them; a test checks
 * them against a copy of that schema. Incoming messages are read field by field instead, so that
 * fields a newer release adds are no trouble.
 */
final class Protocol {
  static final String JSONRPC = "2.0";

  static final String INITIALIZE = "initialize";
  static final String INITIALIZED = "initialized";
  static final String THREAD_START = "thread/start";
  static final String TURN_START = "turn/start";
  static final String TURN_INTERRUPT = "turn/interrupt";

  static final String TURN_COMPLETED = "turn/completed";
  static final String ITEM_STARTED = "item/started";
  static final String ITEM_COMPLETED = "item/completed";
  static final String TOKEN_USAGE_UPDATED = "thread/tokenUsage/updated";
  static final String ERROR = "error";

  /**
   * The model asks when it needs more than the sandbox allows; {@link ApprovalPolicy} answers
   * ({@link Approvals}).
   */
  static final String ASK_FOR_APPROVAL = "on-request";

  private Protocol() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Request(String jsonrpc, long id, String method, Object params) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Notification(String jsonrpc, String method, Object params) {}

  record Response(String jsonrpc, JsonNode id, Object result) {}

  record ErrorResponse(String jsonrpc, JsonNode id, ErrorBody error) {}

  record ErrorBody(int code, String message) {}

  record ClientInfo(String name, String title, String version) {}

  record InitializeParams(ClientInfo clientInfo) {}

  /**
   * {@code developerInstructions} carry the done contract, so that codex learns how to finish
   * whatever the operator's prompt says.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ThreadStartParams(
      String cwd,
      String approvalPolicy,
      String sandbox,
      String model,
      String developerInstructions) {}

  record TextInput(String type, String text) {
    TextInput(String text) {
      this("text", text);
    }
  }

  /** {@code effort}: the reasoning effort of this turn and the next; null keeps codex's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TurnStartParams(String threadId, List<TextInput> input, String effort) {}

  record TurnInterruptParams(String threadId, String turnId) {}
}
