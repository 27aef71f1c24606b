package dev.sleigh.agent.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A model API on 127.0.0.1 that answers the Messages endpoint the way the real one streams it
 * (server-sent events: message_start, content blocks, message_delta, message_stop), with replies
 * the test scripts from each request. Every request is kept for the test to look at.
 */
final class FakeMessagesApi implements AutoCloseable {
  static final long INPUT_TOKENS = 11;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the scripted model answers. */
  sealed interface Reply {
    /** Text; {@code outputTokens} is what the closing usage reports. */
    record Text(String text, long outputTokens) implements Reply {}

    /** One tool call with its input. */
    record ToolUse(String name, Map<String, Object> input, long outputTokens) implements Reply {}

    /** An HTTP error with the API's error body. */
    record Status(int code, String type, String message) implements Reply {}
  }

  /** One request as received. */
  record Request(String path, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    /** The content of the last message the user side sent (prompt or tool results). */
    JsonNode lastUserContent() {
      JsonNode last = null;
      for (JsonNode m : body.path("messages")) {
        if ("user".equals(m.path("role").asText())) {
          last = m.path("content");
        }
      }
      return last == null ? JSON.createArrayNode() : last;
    }

    boolean answersATool() {
      for (JsonNode block : lastUserContent()) {
        if ("tool_result".equals(block.path("type").asText())) {
          return true;
        }
      }
      return false;
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final Function<Request, Reply> script;

  FakeMessagesApi(Function<Request, Reply> script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests that asked the model for a streamed answer (the conversation itself). */
  List<Request> streamed() {
    return requests.stream().filter(r -> r.body().path("stream").asBoolean(false)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())
          || !exchange.getRequestURI().getPath().endsWith("/v1/messages")) {
        send(
            exchange,
            404,
            "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
                + "\"message\":\"not here\"}}");
        return;
      }
      var request =
          new Request(
              exchange.getRequestURI().toString(),
              Map.copyOf(exchange.getRequestHeaders()),
              JSON.readTree(raw));
      requests.add(request);
      Reply reply = script.apply(request);
      if (reply instanceof Reply.Status s) {
        send(
            exchange,
            s.code(),
            "{\"type\":\"error\",\"error\":{\"type\":\""
                + s.type()
                + "\",\"message\":\""
                + s.message()
                + "\"}}");
      } else if (request.body().path("stream").asBoolean(false)) {
        stream(exchange, request, reply);
      } else {
        send(exchange, 200, JSON.writeValueAsString(message(request, reply)));
      }
    }
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static ObjectNode message(Request request, Reply reply) {
    ObjectNode m =
        JSON.createObjectNode()
            .put("id", "msg_fake")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", request.body().path("model").asText("fake"));
    m.putArray("content").add(block(reply, true));
    m.put("stop_reason", reply instanceof Reply.ToolUse ? "tool_use" : "end_turn");
    m.putObject("usage").put("input_tokens", INPUT_TOKENS).put("output_tokens", output(reply));
    return m;
  }

  private static ObjectNode block(Reply reply, boolean complete) {
    ObjectNode b = JSON.createObjectNode();
    switch (reply) {
      case Reply.Text t -> b.put("type", "text").put("text", complete ? t.text() : "");
      case Reply.ToolUse u -> {
        b.put("type", "tool_use").put("id", "toolu_fake").put("name", u.name());
        b.set("input", complete ? JSON.valueToTree(u.input()) : JSON.createObjectNode());
      }
      case Reply.Status s -> throw new IllegalStateException("a status has no content");
    }
    return b;
  }

  private static void stream(HttpExchange exchange, Request request, Reply reply)
      throws IOException {
    exchange.getResponseHeaders().set("content-type", "text/event-stream");
    exchange.getResponseHeaders().set("cache-control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    ObjectNode start = message(request, reply);
    start.putArray("content");
    start.putNull("stop_reason");
    ((ObjectNode) start.path("usage")).put("output_tokens", 1);
    event(
        out,
        "message_start",
        JSON.createObjectNode().put("type", "message_start").set("message", start));
    event(
        out,
        "content_block_start",
        JSON.createObjectNode()
            .put("type", "content_block_start")
            .put("index", 0)
            .set("content_block", block(reply, false)));
    ObjectNode delta =
        switch (reply) {
          case Reply.Text t ->
              JSON.createObjectNode().put("type", "text_delta").put("text", t.text());
          case Reply.ToolUse u ->
              JSON.createObjectNode()
                  .put("type", "input_json_delta")
                  .put("partial_json", JSON.writeValueAsString(u.input()));
          case Reply.Status s -> throw new IllegalStateException("a status is not streamed");
        };
    event(
        out,
        "content_block_delta",
        JSON.createObjectNode()
            .put("type", "content_block_delta")
            .put("index", 0)
            .set("delta", delta));
    event(
        out,
        "content_block_stop",
        JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
    ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
    end.putObject("delta")
        .put("stop_reason", reply instanceof Reply.ToolUse ? "tool_use" : "end_turn")
        .putNull("stop_sequence");
    end.putObject("usage").put("output_tokens", output(reply));
    event(out, "message_delta", end);
    event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
  }

  private static long output(Reply reply) {
    return switch (reply) {
      case Reply.Text t -> t.outputTokens();
      case Reply.ToolUse u -> u.outputTokens();
      case Reply.Status s -> 0;
    };
  }

  private static void event(OutputStream out, String name, JsonNode data) throws IOException {
    out.write(
        ("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
