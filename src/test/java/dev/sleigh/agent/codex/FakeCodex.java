package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.domain.ApprovalPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Codex agents that run {@link FakeAppServer} in a child JVM, and what that fake received. */
public final class FakeCodex {
  private final Path transcript;

  public FakeCodex(Path dir) {
    this.transcript = dir.resolve("transcript.jsonl");
  }

  /** The argv that starts the fake playing {@code scenario}. */
  public static List<String> command(String scenario) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-cp",
        System.getProperty("java.class.path"),
        FakeAppServer.class.getName(),
        scenario);
  }

  CodexAgent agent(String scenario, ApprovalPolicy policy) {
    return agent(
        scenario, new CodexOptions(policy, Duration.ofSeconds(10), Map.of()), Map.of(), Map.of());
  }

  CodexAgent agent(
      String scenario,
      CodexOptions options,
      Map<String, String> env,
      Map<String, String> runnerEnv) {
    Map<String, String> withTranscript = new HashMap<>(env);
    withTranscript.put("FAKE_TRANSCRIPT", transcript.toString());
    return new CodexAgent(
        command(scenario), withTranscript, options, runnerEnv, InstantSource.system());
  }

  /** Every line the fake recorded: its argv first, then each message it received. */
  List<JsonNode> transcript() {
    List<JsonNode> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(transcript)) {
        out.add(SchemaFiles.JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The messages of {@code method} the fake received. */
  List<JsonNode> received(String method) {
    return transcript().stream().filter(m -> m.path("method").asText().equals(method)).toList();
  }

  /** The client's answer to the fake's request {@code id}. */
  JsonNode answerTo(long id) {
    return transcript().stream()
        .filter(m -> !m.has("method") && m.path("id").asLong(-1) == id && !m.has("argv"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer to request " + id));
  }

  /** The fake's own pid, and the pid of the child it started, if any. */
  long pid() {
    return transcript().getFirst().path("pid").asLong();
  }

  /**
   * The fake's pid once it began; empty when it was ended before it wrote a line, as a launch that
   * gives up quickly on a loaded machine may do.
   */
  OptionalLong startedPid() {
    if (!Files.exists(transcript)) {
      return OptionalLong.empty();
    }
    List<JsonNode> lines = transcript();
    return lines.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(lines.getFirst().path("pid").asLong());
  }

  long childPid() {
    return transcript().stream()
        .filter(m -> m.has("child"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the fake started no child"))
        .path("child")
        .asLong();
  }
}
