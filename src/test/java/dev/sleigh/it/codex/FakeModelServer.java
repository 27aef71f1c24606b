package dev.sleigh.it.codex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model endpoint on 127.0.0.1 speaking the streaming Responses API ({@code POST /v1/responses},
 * server-sent events) the way codex's {@code wire_api = "responses"} expects it, scripted to one
 * {@link Behaviour}. Requests held open (a stall, no answer) are released by {@link #close()}.
 */
final class FakeModelServer implements AutoCloseable {
  static final String FILE = "src/greeting.txt";
  static final String TEXT = "hello from codex";
  static final String DONE = "SLEIGH_DONE";

  /** What the endpoint does with every request. */
  enum Behaviour {
    /**
     * First a tool call that writes {@link #FILE}; once its output comes back, a final message that
     * ends with the done line if (and only if) the request said how to finish, as a model would.
     */
    EDITS_A_FILE,
    /**
     * Like {@link #EDITS_A_FILE}, but the tool call asks to run outside the sandbox, so codex asks
     * the client for approval first.
     */
    ESCALATES,
    /**
     * Asks to leave the sandbox twice, then works inside it: a command to run without the sandbox
     * that writes {@code cmd.txt} into the outside directory, a patch that adds {@code patched.txt}
     * there, then (whatever the answers were) a sandboxed command that writes {@link #FILE} and a
     * final message with the done line.
     */
    ESCAPES_SANDBOX,
    /** HTTP 500 with an error body. */
    HTTP_500,
    /** HTTP 401: the key is wrong. */
    HTTP_401,
    /** HTTP 400: the request is invalid (here: a model the server does not have). */
    HTTP_400,
    /** HTTP 429 with a {@code Retry-After} header: too many requests. */
    HTTP_429,
    /** Starts the event stream, sends part of a message, then goes quiet with the stream open. */
    STALLS_MID_STREAM,
    /** Accepts the request and never answers it. */
    NEVER_ANSWERS
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Behaviour behaviour;
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

  private final Path outside;

  private FakeModelServer(HttpServer server, Behaviour behaviour, Path outside) {
    this.server = server;
    this.behaviour = behaviour;
    this.outside = outside;
  }

  static FakeModelServer start(Behaviour behaviour) throws IOException {
    return start(behaviour, null);
  }

  /** A server whose {@link Behaviour#ESCAPES_SANDBOX} aims at {@code outside}. */
  static FakeModelServer start(Behaviour behaviour, Path outside) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeModelServer fake = new FakeModelServer(http, behaviour, outside);
    http.createContext("/", fake::handle);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.start();
    return fake;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The bodies of the model requests so far. */
  List<String> requests() {
    return List.copyOf(bodies);
  }

  /** Waits up to {@code limit} for the next model request; false when none came. */
  boolean awaitRequest(Duration limit) throws InterruptedException {
    return arrivals.poll(limit.toMillis(), TimeUnit.MILLISECONDS) != null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (!exchange.getRequestMethod().equals("POST")
          || !exchange.getRequestURI().getPath().endsWith("/responses")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      bodies.add(body);
      arrivals.add(body);
      switch (behaviour) {
        case EDITS_A_FILE, ESCALATES ->
            stream(
                exchange,
                body.contains("function_call_output")
                    ? finalMessage(bodies.size(), body.contains(DONE))
                    : toolCall(bodies.size(), behaviour == Behaviour.ESCALATES));
        case ESCAPES_SANDBOX -> stream(exchange, escape(bodies.size(), body));
        case HTTP_500 -> fail(exchange, 500, "the model server broke", "server_error");
        case HTTP_401 -> fail(exchange, 401, "Incorrect API key provided", "invalid_request_error");
        case HTTP_400 ->
            fail(exchange, 400, "The model fake-model does not exist", "invalid_request_error");
        case HTTP_429 -> {
          exchange.getResponseHeaders().set("Retry-After", "1");
          fail(exchange, 429, "Rate limit reached", "rate_limit_error");
        }
        case STALLS_MID_STREAM -> stall(exchange, bodies.size());
        case NEVER_ANSWERS -> hold();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // codex went away (killed by Sleigh) while we were answering
    }
  }

  /** The step of {@link Behaviour#ESCAPES_SANDBOX} that the tool outputs so far call for. */
  private String escape(int n, String body) {
    int outputs = body.split("function_call_output", -1).length - 1;
    return switch (outputs) {
      case 0 ->
          exec(
              n,
              JSON.createObjectNode()
                  .put("cmd", "printf escaped > " + outside.resolve("cmd.txt"))
                  .put("sandbox_permissions", "require_escalated")
                  .put("justification", "Write outside the workspace?"));
      case 1 ->
          exec(
              n,
              JSON.createObjectNode()
                  .put(
                      "cmd",
                      "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: "
                          + outside.resolve("patched.txt")
                          + "\n+patched\n*** End Patch\nEOF\n"));
      case 2 -> toolCall(n, false);
      default -> finalMessage(n, true);
    };
  }

  private static String toolCall(int n, boolean escalated) {
    ObjectNode arguments = JSON.createObjectNode().put("cmd", "printf '" + TEXT + "\\n' > " + FILE);
    if (escalated) {
      arguments
          .put("sandbox_permissions", "require_escalated")
          .put("justification", "Write the greeting without the sandbox?");
    }
    return exec(n, arguments);
  }

  /**
   * A model response that calls {@code exec_command} with {@code arguments}, asking codex to wait
   * up to a minute for the command to end: by default it waits only seconds and then answers that
   * the command still runs, and a test's next step would go on while it does (on a loaded machine a
   * login shell alone can take that long to start).
   */
  private static String exec(int n, ObjectNode arguments) {
    arguments.put("yield_time_ms", 60_000);
    ObjectNode item =
        JSON.createObjectNode()
            .put("type", "function_call")
            .put("id", "fc_" + n)
            .put("call_id", "call_" + n)
            .put("name", "exec_command")
            .put("arguments", arguments.toString());
    return created(n)
        + event("response.output_item.added", outputItem(item))
        + event("response.output_item.done", outputItem(item))
        + completed(n, 100, 20);
  }

  /** The final message; it says {@link #DONE} only when the request told the model how to. */
  private static String finalMessage(int n, boolean toldHowToFinish) {
    String text = "Wrote " + FILE + "." + (toldHowToFinish ? "\n" + DONE : "");
    ObjectNode item = message(n, text);
    ObjectNode delta =
        JSON.createObjectNode()
            .put("item_id", "msg_" + n)
            .put("output_index", 0)
            .put("content_index", 0)
            .put("delta", text);
    return created(n)
        + event("response.output_item.added", outputItem(message(n, "")))
        + event("response.output_text.delta", delta)
        + event("response.output_item.done", outputItem(item))
        + completed(n, 150, 30);
  }

  private static ObjectNode message(int n, String text) {
    ObjectNode item =
        JSON.createObjectNode()
            .put("type", "message")
            .put("id", "msg_" + n)
            .put("role", "assistant")
            .put("status", "completed");
    item.putArray("content")
        .addObject()
        .put("type", "output_text")
        .put("text", text)
        .putArray("annotations");
    return item;
  }

  private static ObjectNode outputItem(ObjectNode item) {
    ObjectNode data = JSON.createObjectNode().put("output_index", 0);
    data.set("item", item);
    return data;
  }

  private static String created(int n) {
    ObjectNode data = JSON.createObjectNode();
    data.putObject("response").put("id", "resp_" + n);
    return event("response.created", data);
  }

  private static String completed(int n, long input, long output) {
    ObjectNode data = JSON.createObjectNode();
    ObjectNode usage = data.putObject("response").put("id", "resp_" + n).putObject("usage");
    usage
        .put("input_tokens", input)
        .put("output_tokens", output)
        .put("total_tokens", input + output);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    return event("response.completed", data);
  }

  private static String event(String type, ObjectNode data) {
    data.put("type", type);
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  private static void stream(HttpExchange exchange, String events) throws IOException {
    byte[] bytes = events.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void fail(HttpExchange exchange, int status, String message, String type)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type);
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void stall(HttpExchange exchange, int n) throws IOException, InterruptedException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    ObjectNode delta =
        JSON.createObjectNode()
            .put("item_id", "msg_" + n)
            .put("output_index", 0)
            .put("content_index", 0)
            .put("delta", "Let me look at");
    out.write(
        (created(n)
                + event("response.output_item.added", outputItem(message(n, "")))
                + event("response.output_text.delta", delta))
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    hold();
  }

  private void hold() throws InterruptedException {
    released.await(5, TimeUnit.MINUTES);
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
