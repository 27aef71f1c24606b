package dev.sleigh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.testkit.GitRepos;
import dev.sleigh.testkit.InProcessSleigh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One test's Sleigh project in a temporary directory: a git repository with one commit, a decision
 * {@code dec-a}, a {@code sleigh.md} with small durations and a {@code command} agent script,
 * commissions, an {@link AgentBeacon}, and the runner JVMs started for it. The store is the SQLite
 * file in the project's home, or the PostgreSQL database the project was made with. Operator
 * commands run in-process against the same store. {@link #close()} ends every runner, agent, hook
 * and evidence command the test left behind and keeps the runner logs under {@code target/it-logs}.
 */
final class SleighProject implements AutoCloseable {
  /** How long a test waits for a runner's log line; generous for a loaded two-core machine. */
  static final Duration LINE = Duration.ofSeconds(30);

  /** How long a test waits for a runner to exit on its own. */
  static final Duration EXIT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final AgentBeacon beacon;
  private final String testName;
  private final String storeUrl;
  private final SplittableRandom random = new SplittableRandom(17);
  private final List<SleighProcess> started = new ArrayList<>();

  /**
   * The knobs tests turn; everything else stays at the small values every test uses. {@code hooks}
   * is the YAML flow mapping of {@code sleigh.md}'s {@code hooks}, or empty for none.
   */
  record Tuning(
      String stallTimeout,
      String cancelGrace,
      int concurrency,
      int maxLeaseExpiries,
      String hooks) {
    /** The lease every test runs with: short, so that expiries happen within a test. */
    static final Duration LEASE_TTL = Duration.ofSeconds(2);

    static Tuning standard() {
      return new Tuning("1s", "1s", 2, 3, "");
    }

    Tuning stallTimeout(String value) {
      return new Tuning(value, cancelGrace, concurrency, maxLeaseExpiries, hooks);
    }

    Tuning cancelGrace(String value) {
      return new Tuning(stallTimeout, value, concurrency, maxLeaseExpiries, hooks);
    }

    Tuning concurrency(int value) {
      return new Tuning(stallTimeout, cancelGrace, value, maxLeaseExpiries, hooks);
    }

    Tuning maxLeaseExpiries(int value) {
      return new Tuning(stallTimeout, cancelGrace, concurrency, value, hooks);
    }

    Tuning hooks(String flowMapping) {
      return new Tuning(stallTimeout, cancelGrace, concurrency, maxLeaseExpiries, flowMapping);
    }
  }

  SleighProject(Path dir, String testName) throws IOException, InterruptedException {
    this(dir, testName, null);
  }

  /** A project whose store is {@code storeUrl} ({@code --store}), or the home's SQLite file. */
  SleighProject(Path dir, String testName, String storeUrl)
      throws IOException, InterruptedException {
    this.dir = dir.toAbsolutePath();
    this.testName = testName;
    this.storeUrl = storeUrl;
    GitRepos.create(this.dir.resolve("repo"));
    this.beacon = AgentBeacon.open(this.dir.resolve("beacon"));
    Cli added = cli("decision", "add", "--id", "dec-a", "--title", "A");
    assertThat(added.exit()).as(added.err()).isZero();
  }

  /**
   * Writes the agent script (bash; {@code beacon MESSAGE} sends a line to the test) and a {@code
   * sleigh.md} that runs it.
   */
  void configure(String agentBody, Tuning tuning) {
    Path agent =
        write(
            "agent.sh",
            """
        #!/bin/bash
        set -u
        beacon() { echo "$*" > "$SLEIGH_IT_DIR/beacon"; }
        """
                + agentBody);
    if (!agent.toFile().setExecutable(true)) {
      throw new IllegalStateException("cannot make " + agent + " executable");
    }
    write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, concurrency: %d, lease_ttl: %ds, cancel_grace: %s}
        retry: {max_attempts_per_phase: 3, max_attempts_total: 8, backoff_base: 100ms, backoff_max: 1s, max_lease_expiries: %d}
        agent: {kind: command, command: ["%s"], env: {%s: "%s"}, stall_timeout: %s, turn_timeout: 60s}
        %s
        ---
        ## Execute
        {{commission.body}}
        """
            .formatted(
                tuning.concurrency(),
                Tuning.LEASE_TTL.toSeconds(),
                tuning.cancelGrace(),
                tuning.maxLeaseExpiries(),
                agent,
                AgentProcesses.MARKER,
                dir,
                tuning.stallTimeout(),
                tuning.hooks().isEmpty() ? "" : "hooks: " + tuning.hooks()));
  }

  /**
   * Writes commission {@code id}, on the project's repository, to {@code <id>.yaml} and creates it
   * through intake.
   */
  Path commission(String id) {
    return commission(id, "repo");
  }

  /** The same on another repository, {@code repo} being its directory under the project. */
  Path commission(String id, String repo) {
    return create(id, repo, "");
  }

  /**
   * Commission {@code id} on the project's repository with one evidence command, {@code command}
   * (run by {@code bash -lc} in the workspace; no double quotes), that may take a minute.
   */
  Path commissionWithEvidence(String id, String name, String command) {
    return create(
        id,
        "repo",
        "evidence: [{name: %s, command: \"%s\", timeout: 60s}]\n".formatted(name, command));
  }

  private Path create(String id, String repo, String extra) {
    Path file =
        write(
            id + ".yaml",
            """
        id: %s
        title: Work %s
        decision: {id: dec-a}
        repo: {path: %s, base_ref: main}
        scope: {allowed_paths: ["src/**"]}
        body: change something under src
        """
                    .formatted(id, id, repo)
                + extra);
    Cli created = cli("commission", "create", "-f", file.toString(), "--json");
    assertThat(created.exit()).as(created.err()).isZero();
    return file;
  }

  /**
   * Starts {@code sleigh run <args>} in its own JVM. Its {@code HOME} is an empty directory of the
   * project: hooks and evidence run in login shells ({@code bash -lc}), which would otherwise run
   * the machine's login profile, and a profile that waits on a lock of its own (a version manager's
   * shim rehash, say) stalls every hook for as long as it waits.
   */
  SleighProcess runner(String name, String... runArgs) {
    List<String> args =
        new ArrayList<>(
            List.of("--home", home().toString(), "--config", dir.resolve("sleigh.md").toString()));
    if (storeUrl != null) {
      args.addAll(List.of("--store", storeUrl));
    }
    args.add("run");
    args.addAll(List.of(runArgs));
    SleighProcess p =
        SleighProcess.start(
            name, dir, dir.resolve("logs"), args, Map.of("HOME", userHome().toString()));
    started.add(p);
    return p;
  }

  /** Every log line of every runner started so far, runner by runner. */
  List<String> runnerLines() {
    return started.stream().flatMap(p -> p.lines().stream()).toList();
  }

  Path home() {
    return dir.resolve(".sleigh");
  }

  private Path userHome() {
    try {
      return Files.createDirectories(dir.resolve("user-home"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SQLite store's file (when the project has no other store). */
  Path sqliteFile() {
    if (storeUrl != null) {
      throw new IllegalStateException("the project's store is " + storeUrl);
    }
    return home().resolve("sleigh.db");
  }

  /**
   * SIGSTOP, again if need be, until the runner is frozen without SQLite's write lock (see {@link
   * SqliteWriteLock}).
   */
  void freezeBetweenTransactions(SleighProcess runner) throws Exception {
    Path db = sqliteFile();
    for (int tries = 1; tries <= 10; tries++) {
      runner.stop();
      if (SqliteWriteLock.isFree(db)) {
        return;
      }
      runner.cont();
      assertThat(SqliteWriteLock.awaitFree(db, Duration.ofSeconds(10))).as(runner.log()).isTrue();
    }
    throw new AssertionError(
        "could not freeze " + runner.name() + " between two of its transactions");
  }

  Path workspace(String id) {
    return home().resolve("workspaces").resolve(id);
  }

  /** What one in-process command printed and returned. */
  record Cli(int exit, String out, String err) {
    JsonNode json() {
      try (JsonParser parser = JSON.createParser(out)) {
        JsonNode node = JSON.readTree(parser);
        if (node == null || parser.nextToken() != null) {
          throw new AssertionError("stdout is not one JSON document: " + out + "\nstderr: " + err);
        }
        return node;
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  /** Runs {@code sleigh <args>} in this JVM against the project's store and config. */
  Cli cli(String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of("--home", home().toString(), "--config", dir.resolve("sleigh.md").toString()));
    if (storeUrl != null) {
      argv.addAll(List.of("--store", storeUrl));
    }
    argv.addAll(List.of(args));
    var o =
        InProcessSleigh.run(
            argv.toArray(String[]::new), dir, InstantSource.system(), random, Map.of());
    return new Cli(o.exit(), o.out(), o.err());
  }

  JsonNode show(String id) {
    Cli r = cli("commission", "show", id, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.json();
  }

  List<JsonNode> events(String id) {
    Cli r = cli("commission", "events", id, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return StreamSupport.stream(r.json().path("events").spliterator(), false).toList();
  }

  JsonNode verify() {
    Cli r = cli("verify", "--json");
    return r.json();
  }

  /** A compact history for assertion messages: {@code seq type phase#attempt e<epoch> g<gen>}. */
  static String describe(List<JsonNode> events) {
    StringBuilder out = new StringBuilder();
    for (JsonNode e : events) {
      out.append("\n  ")
          .append(e.path("seq").asLong())
          .append(' ')
          .append(e.path("type").asText())
          .append(' ')
          .append(e.path("phase").asText("-"))
          .append('#')
          .append(e.path("attempt").asInt())
          .append(" e")
          .append(e.path("epoch").asLong())
          .append(" g")
          .append(e.path("generation").asInt())
          .append(' ')
          .append(e.path("data"));
    }
    return out.toString();
  }

  static Stream<JsonNode> ofType(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.path("type").asText().equals(type));
  }

  static Stream<JsonNode> ofType(List<JsonNode> events, String type, String phase) {
    return ofType(events, type).filter(e -> e.path("phase").asText().equals(phase));
  }

  Path write(String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails, after killing them, when any of the project's agent processes is still alive. */
  void assertNoAgentLeft(String context) throws InterruptedException {
    List<ProcessHandle> left = AgentProcesses.of(dir);
    if (!left.isEmpty()) {
      String described = AgentProcesses.describe(left);
      AgentProcesses.killAll(dir);
      throw new AssertionError(context + ": agent processes survived:" + described);
    }
  }

  /**
   * The hook and evidence processes of this project's runners still running: they inherit the
   * runner's environment, and with it the marker every runner is started with.
   */
  List<ProcessHandle> runnerChildren() {
    var runners =
        started.stream().map(SleighProcess::pid).collect(java.util.stream.Collectors.toSet());
    return AgentProcesses.carrying(AgentProcesses.RUNNER_MARKER, dir.toString()).stream()
        .filter(h -> !runners.contains(h.pid()))
        .toList();
  }

  /**
   * Kills every runner still alive and every agent, hook or evidence process left; when all runners
   * had already ended, such a process still alive is a failure of the product, not of the test, and
   * is reported.
   */
  @Override
  public void close() throws Exception {
    boolean runnersAlive = started.stream().anyMatch(SleighProcess::isAlive);
    for (SleighProcess p : started) {
      p.close();
    }
    List<ProcessHandle> left = new ArrayList<>(AgentProcesses.of(dir));
    left.addAll(runnerChildren());
    String described = AgentProcesses.describe(left);
    left.forEach(ProcessHandle::destroyForcibly);
    AgentProcesses.awaitGone(left, Duration.ofSeconds(10));
    AgentProcesses.killAll(dir);
    beacon.close();
    keepLogs();
    if (!left.isEmpty() && !runnersAlive) {
      throw new AssertionError("child processes outlived every runner:" + described);
    }
  }

  private void keepLogs() throws IOException {
    Path logs = dir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    Path kept =
        Path.of(System.getProperty("basedir", ""), "target", "it-logs", testName).toAbsolutePath();
    Files.createDirectories(kept);
    try (Stream<Path> old = Files.list(kept)) {
      for (Path f : old.toList()) {
        Files.deleteIfExists(f);
      }
    }
    try (Stream<Path> files = Files.list(logs)) {
      for (Path f : files.toList()) {
        Files.copy(f, kept.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
