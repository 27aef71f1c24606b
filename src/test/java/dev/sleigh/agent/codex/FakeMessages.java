package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The messages the fake app-server sends, in the shapes of the codex schema (a test checks them
 * against it), so the fake cannot drift from the real program unnoticed.
 */
public final class FakeMessages {
  public static final String THREAD = "thr-1";

  private FakeMessages() {}

  static ObjectNode object() {
    return SchemaFiles.JSON.createObjectNode();
  }

  static ObjectNode notification(String method, JsonNode params) {
    ObjectNode n = object().put("method", method);
    n.set("params", params);
    return n;
  }

  static ObjectNode request(long id, String method, JsonNode params) {
    ObjectNode r = notification(method, params);
    r.put("id", id);
    return r;
  }

  static ObjectNode response(JsonNode id, JsonNode result) {
    ObjectNode r = object();
    r.set("id", id);
    r.set("result", result);
    return r;
  }

  static ObjectNode turn(String id, String status) {
    ObjectNode turn = object().put("id", id).put("status", status);
    turn.putArray("items");
    return turn;
  }

  static ObjectNode turnStarted(String turnId) {
    ObjectNode p = object().put("threadId", THREAD);
    p.set("turn", turn(turnId, "inProgress"));
    return notification("turn/started", p);
  }

  static ObjectNode turnCompleted(
      String turnId, String status, String errorMessage, String errorInfo) {
    ObjectNode turn = turn(turnId, status);
    if (errorMessage != null) {
      ObjectNode error = turn.putObject("error").put("message", errorMessage);
      if (errorInfo != null) {
        error.put("codexErrorInfo", errorInfo);
      }
    }
    ObjectNode p = object().put("threadId", THREAD);
    p.set("turn", turn);
    return notification("turn/completed", p);
  }

  static ObjectNode agentMessage(String turnId, String itemId, String text) {
    ObjectNode p = object().put("threadId", THREAD).put("turnId", turnId).put("completedAtMs", 1L);
    p.putObject("item").put("type", "agentMessage").put("id", itemId).put("text", text);
    return notification("item/completed", p);
  }

  /** A file change item starting, as codex announces it before asking to apply it. */
  static ObjectNode fileChangeStarted(String turnId, String itemId, String path) {
    ObjectNode p = object().put("threadId", THREAD).put("turnId", turnId).put("startedAtMs", 1L);
    ObjectNode item =
        p.putObject("item")
            .put("type", "fileChange")
            .put("id", itemId)
            .put("status", "inProgress")
            .put("startedAtMs", 1L);
    item.putNull("completedAtMs");
    ObjectNode change = item.putArray("changes").addObject().put("path", path).put("diff", "x\n");
    change.putObject("kind").put("type", "add");
    return notification("item/started", p);
  }

  static ObjectNode tokens(String turnId, long input, long output) {
    ObjectNode p = object().put("threadId", THREAD).put("turnId", turnId);
    ObjectNode usage = p.putObject("tokenUsage");
    usage.set("total", breakdown(input, output));
    usage.set("last", breakdown(input, output));
    return notification("thread/tokenUsage/updated", p);
  }

  private static ObjectNode breakdown(long input, long output) {
    return object()
        .put("inputTokens", input)
        .put("outputTokens", output)
        .put("cachedInputTokens", 0)
        .put("reasoningOutputTokens", 0)
        .put("totalTokens", input + output);
  }

  static ObjectNode error(String turnId, String message, boolean willRetry) {
    ObjectNode p =
        object().put("threadId", THREAD).put("turnId", turnId).put("willRetry", willRetry);
    p.putObject("error").put("message", message);
    return notification("error", p);
  }

  static ObjectNode commandApproval(long id, String turnId) {
    return request(
        id,
        "item/commandExecution/requestApproval",
        object()
            .put("threadId", THREAD)
            .put("turnId", turnId)
            .put("itemId", "call-1")
            .put("startedAtMs", 1L)
            .put("command", "rm -rf build"));
  }

  static ObjectNode fileChangeApproval(long id, String turnId) {
    return fileChangeApproval(id, turnId, "patch-1");
  }

  static ObjectNode fileChangeApproval(long id, String turnId, String itemId) {
    return request(
        id,
        "item/fileChange/requestApproval",
        object()
            .put("threadId", THREAD)
            .put("turnId", turnId)
            .put("itemId", itemId)
            .put("startedAtMs", 1L));
  }

  static ObjectNode legacyExecApproval(long id) {
    ObjectNode p =
        object().put("conversationId", THREAD).put("callId", "call-2").put("cwd", "/tmp");
    p.putArray("command").add("make");
    p.putArray("parsedCmd");
    return request(id, "execCommandApproval", p);
  }

  static ObjectNode permissions(long id, String turnId) {
    ObjectNode p =
        object()
            .put("threadId", THREAD)
            .put("turnId", turnId)
            .put("itemId", "perm-1")
            .put("cwd", "/tmp")
            .put("startedAtMs", 1L);
    p.putObject("permissions").putObject("network").put("enabled", true);
    return request(id, "item/permissions/requestApproval", p);
  }

  static ObjectNode userInput(long id, String turnId) {
    ObjectNode p =
        object()
            .put("threadId", THREAD)
            .put("turnId", turnId)
            .put("itemId", "ask-1")
            .put("isBlocking", true);
    p.putArray("questions")
        .addObject()
        .put("id", "which")
        .put("header", "Which")
        .put("question", "Which database?");
    return request(id, "item/tool/requestUserInput", p);
  }

  static ObjectNode elicitation(long id, String turnId) {
    ObjectNode p =
        object()
            .put("threadId", THREAD)
            .put("turnId", turnId)
            .put("serverName", "tracker")
            .put("mode", "url")
            .put("message", "Log in")
            .put("url", "https://tracker.invalid/login")
            .put("elicitationId", "el-1");
    return request(id, "mcpServer/elicitation/request", p);
  }

  static ObjectNode toolCall(long id, String turnId) {
    ObjectNode p =
        object()
            .put("threadId", THREAD)
            .put("turnId", turnId)
            .put("callId", "dyn-1")
            .put("tool", "lookup");
    p.putObject("arguments").put("q", "x");
    return request(id, "item/tool/call", p);
  }
}
