package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.Main;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A store in a temporary directory with a status server over it, a test clock both share, the
 * {@code sleigh} CLI run in-process against the same store, and an HTTP client for the server.
 */
final class ServedStore implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef-0123456789abcdef";
  static final Duration LEASE_TTL = SleighConfig.Engine.DEFAULT.leaseTtl();
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final InstantSource clock;
  final CommissionStore store;
  final StatusServer server;
  private final SplittableRandom random = new SplittableRandom(42);
  private final HttpClient http;

  ServedStore(Path dir) throws IOException {
    this(dir, MutableClock.at("2026-03-01T10:00:00Z"));
  }

  ServedStore(Path dir, InstantSource clock) throws IOException {
    this(dir, clock, ServerSettings.loopback(TOKEN, LEASE_TTL), HttpClient.newBuilder());
  }

  /** A server with {@code settings}, and a client built by {@code client} (e.g. trusting TLS). */
  ServedStore(Path dir, InstantSource clock, ServerSettings settings, HttpClient.Builder client)
      throws IOException {
    this(dir, clock, settings, client, CommissionFiles.NONE);
  }

  /** As above, the commission detail reading changes and logs through {@code files}. */
  ServedStore(
      Path dir,
      InstantSource clock,
      ServerSettings settings,
      HttpClient.Builder client,
      CommissionFiles files)
      throws IOException {
    this.dir = dir;
    this.clock = clock;
    this.http = client.connectTimeout(Duration.ofSeconds(5)).build();
    this.store =
        Stores.open(Stores.defaultUrl(dir.resolve(".sleigh")), clock, new SplittableRandom(1));
    try {
      this.server = StatusServer.start(store, clock, new SplittableRandom(7), settings, files);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The test clock, for stores served on one. */
  MutableClock testClock() {
    return (MutableClock) clock;
  }

  /** What one in-process {@code sleigh} run printed and returned. */
  record CliResult(int exit, String out, String err) {
    JsonNode json() {
      return parse(out, err);
    }
  }

  CliResult cli(String... args) {
    return cli(Map.of(), args);
  }

  /** The CLI with {@code variables} as its environment. */
  CliResult cli(Map<String, String> variables, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var env =
        new CliEnvironment(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            clock,
            random,
            variables,
            dir);
    int exit = Main.run(args, env);
    return new CliResult(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The CLI's {@code --json} document for a command that succeeds. */
  JsonNode cliJson(String... args) {
    CliResult r = cli(args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.json();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** GET with {@code Authorization: Bearer <token>}. */
  HttpResponse<String> get(String path, String token) {
    return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + token));
  }

  JsonNode getJson(String path) {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return parse(response.body(), path);
  }

  /**
   * POSTs {@code body} with {@code Authorization: Bearer <token>}, or without the header when token
   * is null.
   */
  HttpResponse<String> post(String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  URI uri(String path) {
    return server.url().resolve(path);
  }

  static JsonNode parse(String text, String context) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text + "\n" + context, e);
    }
  }

  @Override
  public void close() {
    server.stop();
    store.close();
  }
}
