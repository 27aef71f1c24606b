package dev.sleigh.runtime.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sleigh.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server of {@code sleigh mcp}: JSON-RPC 2.0 over stdio, one message a line (the MCP stdio
 * transport), answering {@code initialize}, {@code ping}, {@code tools/list} and {@code tools/call}
 * with the {@link CommissionTools} of one session. A tool that is refused (a lost lease, bad
 * arguments, the store's no) answers with {@code isError} and the reason, as MCP has tool errors
 * reach the model; a message that is not JSON-RPC gets a JSON-RPC error. It serves until its input
 * ends.
 */
public final class McpServer {
  private static final Logger LOG = LoggerFactory.getLogger(McpServer.class);

  /** The protocol revisions this server speaks; it answers a client with the one it asked for. */
  static final List<String> PROTOCOLS =
      List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  private final CommissionTools tools;
  private final String version;
  private final ObjectMapper json = new ObjectMapper();

  public McpServer(CommissionTools tools, String version) {
    this.tools = tools;
    this.version = version;
  }

  /** Serves requests from {@code in}, answering on {@code out}, until {@code in} ends. */
  public void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    PrintStream writer = new PrintStream(out, false, StandardCharsets.UTF_8);
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode reply = handle(line);
      if (reply != null) {
        writer.print(json.writeValueAsString(reply));
        writer.print('\n');
        writer.flush();
      }
    }
  }

  /** The reply to one line; null for a notification or a reply of the client's. */
  JsonNode handle(String line) throws InterruptedException {
    JsonNode message;
    try {
      message = json.readTree(line);
    } catch (JsonProcessingException e) {
      return error(null, PARSE_ERROR, "not JSON: " + e.getOriginalMessage());
    }
    if (!message.isObject()) {
      return error(null, INVALID_REQUEST, "a JSON-RPC message is an object");
    }
    JsonNode id = message.get("id");
    JsonNode method = message.get("method");
    if (method == null || !method.isTextual()) {
      // a response to a request of ours (we send none) or nonsense: nothing to answer
      return id == null ? null : error(id, INVALID_REQUEST, "a request names its method");
    }
    if (id == null) {
      return null; // notifications/initialized, notifications/cancelled, ...
    }
    JsonNode params = message.path("params");
    try {
      return result(id, dispatch(method.asText(), params));
    } catch (BadParams e) {
      return error(id, INVALID_PARAMS, e.getMessage());
    } catch (UnknownMethod e) {
      return error(id, METHOD_NOT_FOUND, "no method '" + method.asText() + "'");
    } catch (RuntimeException e) {
      LOG.warn("tool server: {} failed", method.asText(), e);
      return error(id, INTERNAL_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Object dispatch(String method, JsonNode params)
      throws BadParams, UnknownMethod, InterruptedException {
    return switch (method) {
      case "initialize" -> initialize(params);
      case "ping" -> Map.of();
      case "tools/list" -> Map.of("tools", ToolList.TOOLS);
      case "tools/call" -> call(params);
      default -> throw new UnknownMethod();
    };
  }

  private Map<String, Object> initialize(JsonNode params) {
    String asked = params.path("protocolVersion").asText("");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("protocolVersion", PROTOCOLS.contains(asked) ? asked : PROTOCOLS.getFirst());
    out.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
    out.put("serverInfo", Map.of("name", "sleigh", "version", version));
    out.put(
        "instructions",
        "Sleigh's tools for the commission you are working on: read it (commission_get,"
            + " decision_get), check paths against its scope (scope_check), run its evidence"
            + " before you say you are done (evidence_run), and leave notes for the operator"
            + " (note_add).");
    return out;
  }

  private Map<String, Object> call(JsonNode params) throws BadParams, InterruptedException {
    JsonNode name = params.get("name");
    if (name == null || !name.isTextual()) {
      throw new BadParams("tools/call needs the tool's name");
    }
    JsonNode args = params.path("arguments");
    try {
      Map<String, Object> structured =
          switch (name.asText()) {
            case ToolList.COMMISSION_GET -> tools.commission();
            case ToolList.DECISION_GET -> tools.decision();
            case ToolList.SCOPE_CHECK -> tools.scope(paths(args));
            case ToolList.EVIDENCE_RUN -> tools.evidence();
            case ToolList.NOTE_ADD -> tools.note(args.path("text").asText(null));
            default -> throw new BadParams("no tool '" + name.asText() + "'");
          };
      return toolResult(structured, false);
    } catch (ToolRefusal e) {
      return toolResult(Map.of("error", e.getMessage()), true);
    } catch (StoreException e) {
      return toolResult(Map.of("error", "the store refused: " + e.getMessage()), true);
    }
  }

  private Map<String, Object> toolResult(Map<String, Object> structured, boolean error) {
    Map<String, Object> out = new LinkedHashMap<>();
    String text;
    try {
      text =
          error
              ? String.valueOf(structured.get("error"))
              : json.writerWithDefaultPrettyPrinter().writeValueAsString(structured);
    } catch (JsonProcessingException e) {
      text = String.valueOf(structured);
    }
    out.put("content", List.of(Map.of("type", "text", "text", text)));
    out.put("structuredContent", structured);
    out.put("isError", error);
    return out;
  }

  private static List<String> paths(JsonNode args) throws BadParams {
    JsonNode paths = args.get("paths");
    if (paths == null || !paths.isArray()) {
      throw new BadParams("scope_check needs 'paths', a list of workspace-relative paths");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode p : paths) {
      if (!p.isTextual()) {
        throw new BadParams("scope_check: every path is a string");
      }
      out.add(p.asText());
    }
    return out;
  }

  private ObjectNode result(JsonNode id, Object result) {
    ObjectNode out = json.createObjectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", id);
    out.set("result", json.valueToTree(result));
    return out;
  }

  private ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode out = json.createObjectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", id == null ? json.nullNode() : id);
    ObjectNode err = out.putObject("error");
    err.put("code", code);
    err.put("message", message);
    return out;
  }

  private static final class BadParams extends Exception {
    private static final long serialVersionUID = 1L;

    BadParams(String message) {
      super(message);
    }
  }

  private static final class UnknownMethod extends Exception {
    private static final long serialVersionUID = 1L;
  }
}
