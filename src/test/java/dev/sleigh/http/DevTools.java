package dev.sleigh.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal client of the browser's DevTools protocol over the JDK's WebSocket: commands with ids,
 * answered by futures, each awaited with a deadline. Page commands go through one attached target
 * session ("flat" mode), so one socket serves the browser and the page.
 */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(30);

  private final WebSocket socket;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private String session;

  private DevTools(URI browser) throws Exception {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(browser, new Listener())
            .get(20, TimeUnit.SECONDS);
  }

  /** Connects to the browser and attaches to a new blank page. */
  static DevTools open(URI browser) throws Exception {
    DevTools tools = new DevTools(browser);
    String target =
        tools
            .browser("Target.createTarget", Map.of("url", "about:blank"))
            .path("targetId")
            .asText();
    tools.session =
        tools
            .browser("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
            .path("sessionId")
            .asText();
    return tools;
  }

  /** A command to the page; returns its {@code result}. */
  JsonNode page(String method, Map<String, ?> params) {
    return send(method, params, session);
  }

  JsonNode browser(String method, Map<String, ?> params) {
    return send(method, params, null);
  }

  /**
   * Evaluates {@code expression} in the page, awaiting it if it is a promise, and returns its
   * value; a thrown exception fails the test with the page's message.
   */
  JsonNode evaluate(String expression) {
    JsonNode result =
        page(
            "Runtime.evaluate",
            Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError(
          "the page threw: " + result.path("exceptionDetails").toPrettyString());
    }
    return result.path("result").path("value");
  }

  private JsonNode send(String method, Map<String, ?> params, String sessionId) {
    long id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(message.toString(), true).join();
    try {
      JsonNode reply = answer.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new AssertionError(method + " failed: " + reply.path("error"));
      }
      return reply.path("result");
    } catch (TimeoutException e) {
      throw new AssertionError(method + " got no answer within " + ANSWER_DEADLINE, e);
    } catch (ExecutionException e) {
      throw new AssertionError(method + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + method, e);
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void close() {
    socket
        .sendClose(WebSocket.NORMAL_CLOSURE, "done")
        .orTimeout(5, TimeUnit.SECONDS)
        .exceptionally(e -> null)
        .join();
    socket.abort();
  }

  /** Collects message fragments and completes the future of each answer; events are ignored. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        dispatch(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int status, String reason) {
      pending
          .values()
          .forEach(f -> f.completeExceptionally(new IOException("DevTools closed: " + reason)));
      return null;
    }

    private void dispatch(String message) {
      try {
        JsonNode node = JSON.readTree(message);
        if (node.has("id")) {
          CompletableFuture<JsonNode> answer = pending.get(node.path("id").asLong());
          if (answer != null) {
            answer.complete(node);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("DevTools sent something that is not JSON", e);
      }
    }
  }
}
