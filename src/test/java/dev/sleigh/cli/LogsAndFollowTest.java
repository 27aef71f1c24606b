package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.Main;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.testkit.GitRepos;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime log, {@code sleigh logs}, {@code run --json} and {@code events --follow}. */
class LogsAndFollowTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  RealClockCli completedProject() throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = cli.write("agent.sh", "#!/bin/bash\necho hello > src/out.txt\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        "---\nengine: {poll_interval: 100ms, lease_ttl: 2s}\nagent: {kind: command, command: [\""
            + agent
            + "\"]}\n---\n");
    for (String id : List.of("wc-a", "wc-b")) {
      cli.write(
          id + ".yaml",
          "id: "
              + id
              + "\ntitle: T\ndecision: {id: dec-a}\nrepo: {path: repo, base_ref: main}\n"
              + "scope: {allowed_paths: [\"src/**\"]}\nbody: b\n");
      assertThat(cli.run("commission", "create", "-f", id + ".yaml").exit()).isZero();
    }
    return cli;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aLineTornByAWriterThatDiedIsSkippedAndReportedAndTheNextRecordStartsItsOwnLine()
      throws Exception {
    RealClockCli cli = completedProject();
    Path log = dir.resolve(".sleigh/logs/runtime.jsonl");
    java.nio.file.Files.createDirectories(log.getParent());
    java.nio.file.Files.writeString(
        log, "{\"event\":\"claimed\",\"commission\":\"wc-a\",\"da", StandardCharsets.UTF_8);

    var run = cli.run("run", "--drain");
    assertThat(run.exit()).as(run.err()).isZero();
    var logs = cli.run("logs", "wc-a", "--json");

    assertThat(logs.exit()).as(logs.err()).isZero();
    assertThat(logs.err()).contains("runtime.jsonl:1: not a whole record");
    List<JsonNode> records =
        StreamSupport.stream(logs.json().path("records").spliterator(), false).toList();
    assertThat(records).extracting(r -> r.path("event").asText()).contains("claimed", "completed");
    assertThat(java.nio.file.Files.readAllLines(log).get(1)).startsWith("{");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theRuntimeLogHoldsEveryLifecycleAndAgentEventAndRunJsonStreamsThem() throws Exception {
    RealClockCli cli = completedProject();
    var run = cli.run("run", "--drain", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonNode> streamed = run.out().lines().map(LogsAndFollowTest::parse).toList();
    assertThat(streamed.getLast().path("claimed").asInt()).isEqualTo(2);
    assertThat(streamed).anyMatch(r -> r.path("event").asText().equals("completed"));

    var logs = cli.run("logs", "wc-a", "--json");
    assertThat(logs.exit()).as(logs.err()).isZero();
    List<JsonNode> records =
        StreamSupport.stream(logs.json().path("records").spliterator(), false).toList();
    assertThat(records).allMatch(r -> r.path("commission").asText().equals("wc-a"));
    assertThat(records)
        .extracting(r -> r.path("event").asText())
        .containsSubsequence(
            "claimed",
            "phase_started",
            "phase_passed",
            "turn_started",
            "agent_started",
            "turn_ended",
            "completed");
    assertThat(records)
        .allMatch(r -> r.has("run_id") && r.has("epoch") && r.has("attempt") && r.has("phase"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void eventsFollowStreamsNewEventsAsTheyLand() throws Exception {
    RealClockCli cli = completedProject();
    PipedInputStream pipe = new PipedInputStream(1 << 16);
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    var sink = new PrintStream(java.io.OutputStream.nullOutputStream());
    var env =
        new CliEnvironment(
            out, sink, InstantSource.system(), new SplittableRandom(1), Map.of(), dir);
    Thread follower =
        Thread.ofVirtual()
            .start(
                () ->
                    Main.run(
                        new String[] {"commission", "events", "wc-a", "--follow", "--json"}, env));
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8))) {
      assertThat(parse(next(lines)).path("type").asText()).isEqualTo("created");
      try (var store =
          Stores.open(
              Stores.defaultUrl(dir.resolve(".sleigh")),
              InstantSource.system(),
              new SplittableRandom(2))) {
        store.execute(new Command.Cancel("wc-a", "op-x", "changed my mind")).orThrow();
      }
      assertThat(parse(next(lines)).path("type").asText()).isEqualTo("cancelled");
    } finally {
      follower.interrupt();
      assertThat(follower.join(java.time.Duration.ofSeconds(10))).isTrue();
    }
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("cancelled");
  }

  private static String next(BufferedReader lines) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return lines.readLine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .get(20, TimeUnit.SECONDS);
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
