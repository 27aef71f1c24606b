package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.Main;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Runs {@code sleigh} in-process in a temporary working directory with a test clock. */
public final class CliHarness {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path cwd;
  final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
  public final Map<String, String> variables = new HashMap<>();
  private final SplittableRandom random = new SplittableRandom(42);

  public CliHarness(Path cwd) {
    this.cwd = cwd;
  }

  public Result run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int exit = Main.run(args, env(out, err));
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** An environment of this harness whose output goes nowhere. */
  CliEnvironment env() {
    return env(new ByteArrayOutputStream(), new ByteArrayOutputStream());
  }

  private CliEnvironment env(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new CliEnvironment(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        clock,
        random,
        variables,
        cwd);
  }

  /** The default store of the working directory, opened directly for set-up and checks. */
  CommissionStore store() {
    return Stores.open(Stores.defaultUrl(cwd.resolve(".sleigh")), clock, random);
  }

  public Path write(String name, String text) {
    try {
      Path file = cwd.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds decision {@code id} and returns its revision hash. */
  public String decision(String id) {
    Result r = run("decision", "add", "--id", id, "--title", "Decide " + id, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.json().path("revision").asText();
  }

  /** A commission file with one commission executing decision {@code dec-auth}. */
  static String commissionYaml(String id, String body) {
    return """
        id: %s
        title: Fix login timeout
        decision: {id: dec-auth}
        repo: {path: repo, base_ref: main}
        scope:
          allowed_paths: [src/auth/**]
        evidence:
          - {name: unit-tests, command: "mvn -q test", timeout: 10m}
        priority: 2
        body: |
          %s
        """
        .formatted(id, body);
  }

  /** What one run printed and returned. */
  public record Result(int exit, String out, String err) {
    /** Stdout as exactly one JSON document; fails when there is anything else. */
    public JsonNode json() {
      try (JsonParser parser = JSON.createParser(out)) {
        JsonNode node = JSON.readTree(parser);
        assertThat(node).as("stdout holds a JSON document: " + out).isNotNull();
        assertThat(parser.nextToken()).as("stdout holds one JSON document only").isNull();
        return node;
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    public JsonNode error() {
      return json().path("error");
    }
  }
}
