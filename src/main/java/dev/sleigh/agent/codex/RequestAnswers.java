package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sleigh.agent.AgentApproval;
import dev.sleigh.domain.ApprovalPolicy;
import java.util.List;

/**
 * What Sleigh answers to each request codex makes of its client, per {@link ApprovalPolicy} as
 * {@link Approvals} decides it. Every request method of the tested codex release has a deliberate
 * answer here (a test holds the list against the schema); anything else is an unknown method and
 * gets a JSON-RPC error.
 */
final class RequestAnswers {
  static final int METHOD_NOT_FOUND = -32601;
  static final int NOT_ANSWERED = -32000;

  static final String COMMAND_APPROVAL = "item/commandExecution/requestApproval";
  static final String FILE_CHANGE_APPROVAL = "item/fileChange/requestApproval";
  static final String PERMISSIONS = "item/permissions/requestApproval";
  static final String USER_INPUT = "item/tool/requestUserInput";
  static final String ELICITATION = "mcpServer/elicitation/request";
  static final String TOOL_CALL = "item/tool/call";
  static final String LEGACY_EXEC_APPROVAL = "execCommandApproval";
  static final String LEGACY_PATCH_APPROVAL = "applyPatchApproval";
  static final String AUTH_REFRESH = "account/chatgptAuthTokens/refresh";
  static final String ATTESTATION = "attestation/generate";

  /** The request methods answered on purpose. */
  static final List<String> KNOWN =
      List.of(
          COMMAND_APPROVAL,
          FILE_CHANGE_APPROVAL,
          PERMISSIONS,
          USER_INPUT,
          ELICITATION,
          TOOL_CALL,
          LEGACY_EXEC_APPROVAL,
          LEGACY_PATCH_APPROVAL,
          AUTH_REFRESH,
          ATTESTATION);

  private static final String DECLINED = "declined by the approval policy of an unattended run";
  private static final String NO_TOOLS = "this client registers no dynamic tools";

  private RequestAnswers() {}

  /** An answer: a result, a JSON-RPC error, or nothing an unattended run can give. */
  sealed interface Answer {
    record Reply(Object result) implements Answer {}

    record Refuse(int code, String message) implements Answer {}

    /** Only a person could answer; the turn fails as {@code input_required}. */
    record NeedsInput(String method) implements Answer {}
  }

  record Decision(Object decision) {}

  record Denied(Rejection denied) {}

  record Rejection(String rejection) {}

  record PermissionGrant(JsonNode permissions, String scope) {}

  record ElicitationAnswer(String action) {}

  record ToolCallResult(boolean success, List<ToolOutput> contentItems) {}

  record ToolOutput(String type, String text) {}

  /**
   * The answer to a request of {@code method}; {@code approval} is Sleigh's decision when it is an
   * approval request ({@link Approvals#decide}), null otherwise.
   */
  static Answer answer(
      String method, JsonNode params, ApprovalPolicy policy, AgentApproval approval) {
    boolean accept = approval != null && approval.accepted();
    boolean forSession = policy == ApprovalPolicy.ACCEPT_ALL;
    return switch (method) {
      case COMMAND_APPROVAL, FILE_CHANGE_APPROVAL ->
          new Answer.Reply(
              new Decision(accept ? (forSession ? "acceptForSession" : "accept") : "decline"));
      case LEGACY_EXEC_APPROVAL, LEGACY_PATCH_APPROVAL ->
          new Answer.Reply(
              new Decision(
                  accept
                      ? (forSession ? "approved_for_session" : "approved")
                      : new Denied(new Rejection(DECLINED))));
      case PERMISSIONS ->
          new Answer.Reply(
              accept
                  ? new PermissionGrant(requested(params), "session")
                  : new PermissionGrant(JsonNodeFactory.instance.objectNode(), "turn"));
      // Accepting a form needs its content, which only a person has; declining needs nothing.
      case ELICITATION ->
          forSession
              ? new Answer.NeedsInput(method)
              : new Answer.Reply(new ElicitationAnswer("decline"));
      case USER_INPUT -> new Answer.NeedsInput(method);
      case TOOL_CALL ->
          new Answer.Reply(
              new ToolCallResult(false, List.of(new ToolOutput("inputText", NO_TOOLS))));
      case AUTH_REFRESH, ATTESTATION ->
          new Answer.Refuse(
              NOT_ANSWERED,
              method
                  + " is not supported; give codex its credentials through the agent environment");
      default -> new Answer.Refuse(METHOD_NOT_FOUND, "method not found: " + method);
    };
  }

  private static JsonNode requested(JsonNode params) {
    JsonNode permissions = params == null ? null : params.get("permissions");
    return permissions != null && permissions.isObject()
        ? permissions
        : JsonNodeFactory.instance.objectNode();
  }
}
