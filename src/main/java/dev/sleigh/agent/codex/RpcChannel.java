package dev.sleigh.agent.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sleigh.agent.AgentApproval;
import dev.sleigh.agent.AgentProcess;
import dev.sleigh.process.Watchdog;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newline-delimited JSON-RPC with one app-server process. The process's stdout reader thread calls
 * {@link #accept}: responses complete the pending request, requests from codex are answered at once
 * per {@link RequestAnswers}, notifications queue up for the turn. Lines that are not JSON objects
 * are skipped and counted.
 */
final class RpcChannel {
  private static final Logger LOG = LoggerFactory.getLogger(RpcChannel.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);

  private final Approvals approvals;
  private final Consumer<String> onMessage;
  private final Consumer<AgentApproval> onApproval;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
  private volatile AgentProcess process;

  /**
   * {@code onMessage} sees the raw line of every JSON message, {@code onApproval} every approval
   * request with its answer, on the reader thread.
   */
  RpcChannel(Approvals approvals, Consumer<String> onMessage, Consumer<AgentApproval> onApproval) {
    this.approvals = approvals;
    this.onMessage = onMessage;
    this.onApproval = onApproval;
  }

  void attach(AgentProcess started) {
    this.process = started;
    started.onExit().thenRun(() -> Thread.ofVirtual().start(() -> exited(started)));
  }

  /** After the last line was read, nothing more will be answered. */
  private void exited(AgentProcess gone) {
    try {
      gone.awaitOutput(OUTPUT_DRAIN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inbound.add(new Inbound.Exited());
    pending.values().forEach(f -> f.completeExceptionally(new RpcException("codex exited")));
  }

  /** One line of the app-server's stdout. */
  void accept(String line) {
    JsonNode message = parse(line);
    if (message == null) {
      long count = skipped.incrementAndGet();
      LOG.debug(
          "Skipping a line of codex output that is not a JSON-RPC message ({} so far)", count);
      return;
    }
    try {
      onMessage.accept(line);
    } catch (RuntimeException e) {
      LOG.warn("A listener failed on a codex message; the message is still handled", e);
    }
    JsonNode id = message.get("id");
    String method = message.path("method").asText("");
    if (!method.isEmpty() && id != null) {
      answer(id, method, message.get("params"));
    } else if (!method.isEmpty()) {
      approvals.item(method, message.path("params"));
      inbound.add(new Inbound.Notice(method, message.path("params")));
    } else if (id != null && id.canConvertToLong()) {
      settle(id.asLong(), message);
    } else {
      skipped.incrementAndGet();
    }
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private void answer(JsonNode id, String method, JsonNode params) {
    JsonNode given = params == null ? MissingNode.getInstance() : params;
    AgentApproval approval = approvals.decide(method, given);
    switch (RequestAnswers.answer(method, given, approvals.policy(), approval)) {
      case RequestAnswers.Answer.Reply r -> {
        write(new Protocol.Response(Protocol.JSONRPC, id, r.result()));
        if (approval != null) {
          LOG.info("Codex asked for approval of {}", approval.describe());
          try {
            onApproval.accept(approval);
          } catch (RuntimeException e) {
            LOG.warn("Could not report codex's approval request; it was answered", e);
          }
        } else {
          LOG.info("Answered codex request {} per approval policy {}", method, approvals.policy());
        }
      }
      case RequestAnswers.Answer.Refuse r -> {
        LOG.info("Refused codex request {}: {}", method, r.message());
        write(
            new Protocol.ErrorResponse(
                Protocol.JSONRPC, id, new Protocol.ErrorBody(r.code(), r.message())));
      }
      case RequestAnswers.Answer.NeedsInput n -> {
        LOG.info(
            "Codex asked for input ({}) that an unattended run cannot give; failing the turn",
            method);
        write(
            new Protocol.ErrorResponse(
                Protocol.JSONRPC,
                id,
                new Protocol.ErrorBody(
                    RequestAnswers.NOT_ANSWERED, "no person is available to answer " + method)));
        inbound.add(new Inbound.InputRequired(method));
      }
    }
  }

  private void settle(long id, JsonNode message) {
    CompletableFuture<JsonNode> waiting = pending.remove(id);
    if (waiting == null) {
      LOG.debug("Codex answered request {}, which nobody waits for any more", id);
      return;
    }
    JsonNode error = message.get("error");
    if (error != null && !error.isNull()) {
      waiting.completeExceptionally(
          new RpcException(
              error.path("message").asText("error")
                  + " (code "
                  + error.path("code").asText("?")
                  + ")"));
    } else {
      waiting.complete(message.path("result"));
    }
  }

  /** Sends a request; the future completes with its result or an {@link RpcException}. */
  CompletableFuture<JsonNode> request(String method, Object params) throws IOException {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    try {
      send(new Protocol.Request(Protocol.JSONRPC, id, method, params));
    } catch (IOException e) {
      pending.remove(id);
      throw e;
    }
    return result;
  }

  /** Sends a request and waits up to {@code limit} for its result. */
  JsonNode call(String method, Object params, Duration limit)
      throws IOException, RpcException, InterruptedException {
    CompletableFuture<JsonNode> result =
        Watchdog.shared()
            .within(
                request(method, params),
                limit,
                () -> new RpcException(method + ": no answer within " + limit));
    try {
      return result.get(limit.plus(OUTPUT_DRAIN).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new RpcException(method + ": no answer within " + limit);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RpcException rpc
          ? rpc
          : new RpcException(method + ": " + e.getCause());
    }
  }

  void notify(String method) throws IOException {
    send(new Protocol.Notification(Protocol.JSONRPC, method, null));
  }

  /** The next message for the turn, waiting up to {@code limit}; null when none came. */
  Inbound poll(Duration limit) throws InterruptedException {
    return inbound.poll(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** The next message if one is queued already. */
  Inbound pollNow() {
    return inbound.poll();
  }

  void offer(Inbound message) {
    inbound.add(message);
  }

  /** Lines of output that were not JSON-RPC messages. */
  long skippedLines() {
    return skipped.get();
  }

  private void write(Object message) {
    try {
      send(message);
    } catch (IOException e) {
      LOG.debug("Could not answer codex; it has gone away", e);
    }
  }

  private void send(Object message) throws IOException {
    AgentProcess target = process;
    if (target == null) {
      throw new IOException("the app-server has not started");
    }
    target.send(encode(message));
  }

  /** One message as the single line it is sent as. */
  static String encode(Object message) throws IOException {
    return JSON.writeValueAsString(message);
  }
}
