package dev.sleigh.agent.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentProcess;
import dev.sleigh.agent.ProcessLaunch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The handshake {@code sleigh doctor} makes with codex: the app-server started as a run would start
 * it, asked to {@code initialize}, then told {@code initialized}; the warnings codex sends about
 * its configuration and sandbox ({@code configWarning}) in the moment after are collected, and the
 * process tree is stopped. No thread is started, so nothing is written to {@code CODEX_HOME}.
 */
public final class CodexProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WARNINGS = Duration.ofSeconds(1);
  private static final Duration GRACE = Duration.ofSeconds(2);

  /** How the handshake went: codex's user agent, or what went wrong; and its warnings. */
  public record Answer(boolean ok, String detail, List<String> warnings) {
    public Answer {
      warnings = List.copyOf(warnings);
    }
  }

  private CodexProbe() {}

  /**
   * Starts {@code launch} (its stdin is the conversation) and shakes hands within {@code limit}.
   */
  public static Answer handshake(ProcessLaunch launch, Duration limit) throws InterruptedException {
    BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    AgentProcess process;
    try {
      process = AgentProcess.startConversation(launch, line -> parse(line, messages));
    } catch (AgentLaunchException e) {
      return new Answer(false, e.getMessage(), List.of());
    }
    try (process) {
      process.send(
          RpcChannel.encode(
              new Protocol.Request(
                  Protocol.JSONRPC,
                  1,
                  Protocol.INITIALIZE,
                  new Protocol.InitializeParams(
                      new Protocol.ClientInfo("sleigh-doctor", "Sleigh doctor", "doctor")))));
      JsonNode answer = awaitAnswer(process, messages, limit);
      if (answer == null) {
        return refused(process, launch, limit);
      }
      if (answer.has("error")) {
        return new Answer(
            false,
            "initialize failed: " + answer.path("error").path("message").asText(),
            List.of());
      }
      process.send(
          RpcChannel.encode(
              new Protocol.Notification(Protocol.JSONRPC, Protocol.INITIALIZED, null)));
      return new Answer(
          true,
          "initialize answered by " + answer.path("result").path("userAgent").asText("codex"),
          warnings(messages));
    } catch (IOException e) {
      return refused(process, launch, limit);
    } finally {
      process.stop(GRACE);
    }
  }

  private static JsonNode awaitAnswer(
      AgentProcess process, BlockingQueue<JsonNode> messages, Duration limit)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && m.path("id").asLong(-1) == 1 && !m.has("method")) {
        return m;
      }
      if (m == null && !process.isAlive()) {
        return null;
      }
    }
    return null;
  }

  /** The {@code configWarning} summaries that arrive within a moment of the handshake. */
  private static List<String> warnings(BlockingQueue<JsonNode> messages)
      throws InterruptedException {
    List<String> out = new ArrayList<>();
    long end = System.nanoTime() + WARNINGS.toNanos();
    for (long left = WARNINGS.toNanos(); left > 0; left = end - System.nanoTime()) {
      JsonNode m = messages.poll(left, TimeUnit.NANOSECONDS);
      if (m != null && m.path("method").asText().equals("configWarning")) {
        out.add(m.path("params").path("summary").asText());
      }
    }
    return out;
  }

  private static Answer refused(AgentProcess process, ProcessLaunch launch, Duration limit)
      throws InterruptedException {
    if (process.isAlive()) {
      return new Answer(
          false, "codex app-server did not answer initialize within " + limit, List.of());
    }
    process.awaitOutput(GRACE);
    String why =
        StartRefusal.in(launch.logFile())
            .orElse("it exited with code " + process.exitCode() + " without saying why");
    return new Answer(false, "codex app-server did not start: " + why, List.of());
  }

  private static void parse(String line, BlockingQueue<JsonNode> messages) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node != null && node.isObject()) {
        messages.add(node);
      }
    } catch (JsonProcessingException e) {
      // not a JSON-RPC message: codex's own output, which the log file keeps
    }
  }
}
