package dev.sleigh.agent.codex;

import static dev.sleigh.agent.codex.FakeMessages.THREAD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A scripted stand-in for {@code codex app-server}, run as a child JVM by the tests: it answers the
 * handshake, plays the scenario named by its first argument on each {@code turn/start}, and appends
 * every line it receives (and its argv, and the pids of children it starts) to the file named by
 * {@code FAKE_TRANSCRIPT}.
 */
public final class FakeAppServer {
  private final String scenario;
  private final Path transcript;
  private final BufferedReader in =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
  private int turns;
  private String currentTurn;

  private FakeAppServer(String scenario, Path transcript) {
    this.scenario = scenario;
    this.transcript = transcript;
  }

  public static void main(String[] args) throws Exception {
    FakeAppServer fake = new FakeAppServer(args[0], Path.of(System.getenv("FAKE_TRANSCRIPT")));
    ObjectNode argv = FakeMessages.object();
    Arrays.stream(args).forEach(argv.putArray("argv")::add);
    argv.put("env", System.getenv().getOrDefault("FAKE_SECRET", ""));
    argv.put("pid", ProcessHandle.current().pid());
    fake.record(argv.toString());
    fake.serve();
  }

  private void serve() throws Exception {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      record(line);
      JsonNode m = SchemaFiles.JSON.readTree(line);
      JsonNode id = m.get("id");
      switch (m.path("method").asText("")) {
        case "initialize" -> {
          if (!scenario.equals("silent-init")) {
            send(
                FakeMessages.response(
                    id,
                    FakeMessages.object()
                        .put("userAgent", "fake/0")
                        .put("codexHome", "/tmp")
                        .put("platformFamily", "unix")
                        .put("platformOs", "linux")));
          }
        }
        case "thread/start" -> {
          ObjectNode result = FakeMessages.object();
          result.putObject("thread").put("id", THREAD);
          send(FakeMessages.response(id, result));
        }
        case "turn/start" -> startTurn(id);
        case "turn/interrupt" -> interrupt(id);
        default -> {}
      }
    }
  }

  private void startTurn(JsonNode id) throws Exception {
    turns++;
    currentTurn = "turn-" + turns;
    ObjectNode result = FakeMessages.object();
    result.set("turn", FakeMessages.turn(currentTurn, "inProgress"));
    send(FakeMessages.response(id, result));
    send(FakeMessages.turnStarted(currentTurn));
    play(currentTurn);
  }

  private void interrupt(JsonNode id) {
    if (scenario.startsWith("stall")) {
      return;
    }
    send(FakeMessages.response(id, FakeMessages.object()));
    if (currentTurn != null) {
      send(FakeMessages.turnCompleted(currentTurn, "interrupted", null, null));
      currentTurn = null;
    }
  }

  private void play(String turn) throws Exception {
    switch (scenario) {
      case "done" -> finish(turn, "Changed the file.\nSLEIGH_DONE", 100, 20);
      case "continue" ->
          finish(
              turn,
              turns == 1 ? "Half of it is done." : "All done.\nSLEIGH_DONE",
              100 * turns,
              20 * turns);
      case "failed" -> {
        send(FakeMessages.error(turn, "upstream returned 500", false));
        complete(turn, "failed", "upstream returned 500", "internalServerError");
      }
      case "failed-final" -> complete(turn, "failed", "bad credentials", "unauthorized");
      case "interrupted" -> complete(turn, "interrupted", null, null);
      case "approvals" -> approvals(turn);
      case "approvals-workspace" -> approvalsInWorkspace(turn);
      case "user-input" -> ask(FakeMessages.userInput(11, turn));
      case "elicitation" -> {
        if (ask(FakeMessages.elicitation(12, turn)).has("result")) {
          finish(turn, "Went on without logging in.\nSLEIGH_DONE", 10, 1);
        }
      }
      case "noise" -> noise(turn);
      case "retrying" -> retrying(turn);
      case "busy" -> busy(turn);
      case "cancel" -> send(FakeMessages.tokens(turn, 4000, 1000));
      case "crash" -> System.exit(3);
      case "stall" -> {}
      case "stall-with-child" -> startChild();
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }

  private void approvals(String turn) throws IOException {
    ask(FakeMessages.commandApproval(1, turn));
    ask(FakeMessages.fileChangeApproval(2, turn));
    ask(FakeMessages.legacyExecApproval(3));
    ask(FakeMessages.permissions(4, turn));
    finish(turn, "Answers recorded.\nSLEIGH_DONE", 50, 5);
  }

  /** A change inside its working directory (the workspace), one outside, a command, more rights. */
  private void approvalsInWorkspace(String turn) throws IOException {
    Path inside = Path.of("").toAbsolutePath().resolve("src/inside.txt");
    send(FakeMessages.fileChangeStarted(turn, "patch-in", inside.toString()));
    ask(FakeMessages.fileChangeApproval(5, turn, "patch-in"));
    send(FakeMessages.fileChangeStarted(turn, "patch-out", "/var/tmp/sleigh-outside/x.txt"));
    ask(FakeMessages.fileChangeApproval(6, turn, "patch-out"));
    ask(FakeMessages.fileChangeApproval(7, turn, "patch-never-announced"));
    ask(FakeMessages.commandApproval(1, turn));
    ask(FakeMessages.permissions(4, turn));
    finish(turn, "Answers recorded.\nSLEIGH_DONE", 50, 5);
  }

  private void noise(String turn) throws IOException {
    out.println("this is not JSON");
    out.println("{\"broken\": ");
    out.println("[1, 2, 3]");
    out.println("42");
    send(FakeMessages.notification("sleigh/mystery", FakeMessages.object()));
    ask(FakeMessages.request(7, "sleigh/unknownRequest", FakeMessages.object()));
    ask(FakeMessages.toolCall(8, turn));
    finish(turn, "Ignored the noise.\nSLEIGH_DONE", 10, 2);
  }

  private void retrying(String turn) throws InterruptedException {
    for (int i = 0; i < 6; i++) {
      send(FakeMessages.error(turn, "Reconnecting... " + (i + 1) + "/6", true));
      Thread.sleep(300);
    }
    finish(turn, "Got through.\nSLEIGH_DONE", 10, 2);
  }

  /** Keeps reporting retries forever, so only the turn timeout ends it. */
  private void busy(String turn) {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                while (true) {
                  send(FakeMessages.error(turn, "Reconnecting...", true));
                  Thread.sleep(200);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** A grandchild that ignores SIGTERM, as a stuck tool command might. */
  private void startChild() throws IOException {
    Process child =
        new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 600 & wait")
            .redirectErrorStream(true)
            .start();
    record(FakeMessages.object().put("child", child.pid()).toString());
  }

  /** Sends a request and reads until its answer comes; returns the answer. */
  private JsonNode ask(ObjectNode request) throws IOException {
    send(request);
    long id = request.get("id").asLong();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      record(line);
      JsonNode m = SchemaFiles.JSON.readTree(line);
      if (!m.has("method") && m.path("id").asLong(-1) == id) {
        return m;
      }
    }
    throw new IOException("stdin closed while waiting for the answer to " + id);
  }

  private void finish(String turn, String message, long input, long output) {
    send(FakeMessages.agentMessage(turn, "msg-" + turns, message));
    send(FakeMessages.tokens(turn, input, output));
    complete(turn, "completed", null, null);
  }

  private void complete(String turn, String status, String error, String info) {
    send(FakeMessages.turnCompleted(turn, status, error, info));
    currentTurn = null;
  }

  private synchronized void send(JsonNode message) {
    out.println(message.toString());
    out.flush();
  }

  private synchronized void record(String line) {
    try {
      Files.writeString(
          transcript,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
