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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One test's Sleigh project in a temporary directory: a git repository with one commit, a decision
 * {@code dec-a}, a {@code sleigh.md} with small durations and a {@code command} agent script,
 * commissions, an {@link AgentBeacon}, and the runner JVMs started for it. The store is the SQLite
 * file in the project's home, or the PostgreSQL database the project was made with. Operator
 * commands run in-process against the same store. Runners and commands can also run as on other
 * hosts of that store ({@link #host}), each with a home and a workspace root of its own. {@link
 * #close()} ends every runner, agent, hook and evidence command the test left behind and keeps the
 * runner logs under {@code target/it-logs}.
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
  private final Map<String, String> runnerEnv = new java.util.HashMap<>();
  private final List<Host> hosts = new ArrayList<>();

  /**
   * The knobs tests turn; everything else stays at the small values every test uses. {@code hooks}
   * is the YAML flow mapping of {@code sleigh.md}'s {@code hooks}, or empty for none.
   */
  record Tuning(
      String stallTimeout,
      String cancelGrace,
      int concurrency,
      int maxLeaseExpiries,
      String turnTimeout,
      int maxAttemptsPerPhase,
      String hooks,
      String pollInterval,
      String leaseTtl) {
    /**
     * The lease every test runs with unless it asks for another: short, so that expiries happen
     * within a test.
     */
    static final Duration LEASE_TTL = Duration.ofSeconds(2);

    static Tuning standard() {
      return new Tuning("1s", "1s", 2, 3, "60s", 3, "", "100ms", "2s");
    }

    Tuning stallTimeout(String value) {
      return new Tuning(
          value,
          cancelGrace,
          concurrency,
          maxLeaseExpiries,
          turnTimeout,
          maxAttemptsPerPhase,
          hooks,
          pollInterval,
          leaseTtl);
    }

    Tuning cancelGrace(String value) {
      return new Tuning(
          stallTimeout,
          value,
          concurrency,
          maxLeaseExpiries,
          turnTimeout,
          maxAttemptsPerPhase,
          hooks,
          pollInterval,
          leaseTtl);
    }

    Tuning concurrency(int value) {
      return new Tuning(
          stallTimeout,
          cancelGrace,
          value,
          maxLeaseExpiries,
          turnTimeout,
          maxAttemptsPerPhase,
          hooks,
          pollInterval,
          leaseTtl);
    }

    Tuning maxLeaseExpiries(int value) {
      return new Tuning(
          stallTimeout,
          cancelGrace,
          concurrency,
          value,
          turnTimeout,
          maxAttemptsPerPhase,
          hooks,
          pollInterval,
          leaseTtl);
    }

    Tuning turnTimeout(String value) {
      return new Tuning(
          stallTimeout,
          cancelGrace,
          concurrency,
          maxLeaseExpiries,
          value,
          maxAttemptsPerPhase,
          hooks,
          pollInterval,
          leaseTtl);
    }

    /** At most this many failures of one phase; 1 makes the first failure final. */
    Tuning maxAttemptsPerPhase(int value) {
      return new Tuning(
          stallTimeout,
          cancelGrace,
          concurrency,
          maxLeaseExpiries,
          turnTimeout,
          value,
          hooks,
          pollInterval,
          leaseTtl);
    }

    /** The {@code hooks} section of {@code sleigh.md} as a YAML flow mapping. */
    Tuning hooks(String value) {
      return new Tuning(
          stallTimeout,
          cancelGrace,
          concurrency,
          maxLeaseExpiries,
          turnTimeout,
          maxAttemptsPerPhase,
          value,
          pollInterval,
          leaseTtl);
    }

    Tuning pollInterval(String value) {
      return new Tuning(
          stallTimeout,
          cancelGrace,
          concurrency,
          maxLeaseExpiries,
          turnTimeout,
          maxAttemptsPerPhase,
          hooks,
          value,
          leaseTtl);
    }

    Tuning leaseTtl(String value) {
      return new Tuning(
          stallTimeout,
          cancelGrace,
          concurrency,
          maxLeaseExpiries,
          turnTimeout,
          maxAttemptsPerPhase,
          hooks,
          pollInterval,
          value);
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
        engine: {poll_interval: %s, concurrency: %d, lease_ttl: %s, cancel_grace: %s}
        retry: {max_attempts_per_phase: %d, max_attempts_total: 8, backoff_base: 100ms, backoff_max: 1s, max_lease_expiries: %d}
        agent: {kind: command, command: ["%s"], env: {%s: "%s"}, stall_timeout: %s, turn_timeout: %s}
        %s
        ---
        ## Execute
        {{commission.body}}
        """
            .formatted(
                tuning.pollInterval(),
                tuning.concurrency(),
                tuning.leaseTtl(),
                tuning.cancelGrace(),
                tuning.maxAttemptsPerPhase(),
                tuning.maxLeaseExpiries(),
                agent,
                AgentProcesses.MARKER,
                dir,
                tuning.stallTimeout(),
                tuning.turnTimeout(),
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
    return commissions(id + ".yaml", List.of(new CommissionSpec(id, repo, List.of())));
  }

  /** One evidence command of a commission: a shell snippet run in its workspace at measure. */
  record Evidence(String name, String command, String timeout) {
    String yaml() {
      return "{name: %s, command: %s, timeout: %s}".formatted(name, quoted(command), timeout);
    }
  }

  /**
   * A commission of the project's decision, changing {@code src/**} of {@code repo}; {@code extra}
   * holds more fields of the commission as YAML flow entries ({@code autonomy: {…}}), or is empty.
   */
  record CommissionSpec(String id, String repo, List<Evidence> evidence, String extra) {
    CommissionSpec(String id, String repo, List<Evidence> evidence) {
      this(id, repo, evidence, "");
    }

    String yaml() {
      return "{id: %s, title: %s, decision: {id: dec-a}, repo: {path: %s, base_ref: main},"
              .formatted(id, quoted("Work " + id), quoted(repo))
          + " scope: {allowed_paths: [\"src/**\"]}, body: change something under src"
          + (evidence.isEmpty()
              ? ""
              : ", evidence: ["
                  + String.join(", ", evidence.stream().map(Evidence::yaml).toList())
                  + "]")
          + (extra.isEmpty() ? "" : ", " + extra)
          + "}";
    }
  }

  /**
   * Commission {@code id} on the project's repository with one evidence command, {@code command}
   * (run by {@code bash -lc} in the workspace), that may take a minute.
   */
  Path commissionWithEvidence(String id, String name, String command) {
    return commissions(
        id + ".yaml",
        List.of(new CommissionSpec(id, "repo", List.of(new Evidence(name, command, "60s")))));
  }

  /** Writes {@code specs} to the file {@code name} and creates them all through one intake. */
  Path commissions(String name, List<CommissionSpec> specs) {
    StringBuilder yaml = new StringBuilder("commissions:\n");
    specs.forEach(c -> yaml.append("  - ").append(c.yaml()).append('\n'));
    Path file = write(name, yaml.toString());
    Cli created = cli("commission", "create", "-f", file.toString(), "--json");
    assertThat(created.exit()).as(created.err()).isZero();
    return file;
  }

  /** A YAML double-quoted scalar. */
  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * Starts {@code sleigh run <args>} in its own JVM. Its {@code HOME} is an empty directory of the
   * project (see {@link #isolateHome()}): hooks and evidence run in login shells ({@code bash
   * -lc}), which would otherwise run the machine's login profile, and a profile that waits on a
   * lock of its own (a version manager's shim rehash, say) stalls every hook for as long as it
   * waits.
   */
  SleighProcess runner(String name, String... runArgs) {
    return runner(name, List.of(), runArgs);
  }

  /** The same in a JVM started with {@code jvmOptions} as well. */
  SleighProcess runner(String name, List<String> jvmOptions, String... runArgs) {
    return start(name, jvmOptions, globalOptions(), runArgs);
  }

  /** {@code sleigh run <args>} on {@code host}: its home and config, the project's store. */
  SleighProcess runner(Host host, String name, String... runArgs) {
    return start(name, List.of(), host.globalOptions(), runArgs);
  }

  private SleighProcess start(
      String name, List<String> jvmOptions, List<String> globalOptions, String... runArgs) {
    List<String> args = new ArrayList<>(globalOptions);
    args.add("run");
    args.addAll(List.of(runArgs));
    if (!runnerEnv.containsKey("HOME")) {
      isolateHome();
    }
    SleighProcess p =
        SleighProcess.start(name, dir, dir.resolve("logs"), jvmOptions, args, runnerEnv);
    started.add(p);
    return p;
  }

  /**
   * {@code sleigh <args>} as a process of its own against the project's home and config, in a JVM
   * started with {@code jvmOptions} and {@code env} added to the runners' environment.
   */
  SleighProcess command(
      String name, List<String> jvmOptions, Map<String, String> env, String... args) {
    List<String> argv = new ArrayList<>(globalOptions());
    argv.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(runnerEnv);
    all.putAll(env);
    SleighProcess p = SleighProcess.start(name, dir, dir.resolve("logs"), jvmOptions, argv, all);
    started.add(p);
    return p;
  }

  /**
   * Runners started from now on, and the hooks and evidence commands they run (in their
   * environment, through {@code bash -lc}), get an empty home directory of the project's: no login
   * profile of the machine's user runs in them. A hook killed in the middle of such a profile can
   * leave its lock files behind, and every later login shell of the machine waits for them.
   */
  void isolateHome() {
    Path home = dir.resolve("user-home");
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    runnerEnv.put("HOME", home.toString());
  }

  /** Every log line of every runner started so far, runner by runner. */
  List<String> runnerLines() {
    return started.stream().flatMap(p -> p.lines().stream()).toList();
  }

  /** Runners started from now on have {@code name=value} in their environment too. */
  void runnerVariable(String name, String value) {
    runnerEnv.put(name, value);
  }

  Path home() {
    return dir.resolve(".sleigh");
  }

  /** {@code --home}, {@code --config} and, for another store than the home's, {@code --store}. */
  private List<String> globalOptions() {
    List<String> args =
        new ArrayList<>(
            List.of("--home", home().toString(), "--config", dir.resolve("sleigh.md").toString()));
    if (storeUrl != null) {
      args.addAll(List.of("--store", storeUrl));
    }
    return args;
  }

  /**
   * Another host of the project's store: a home of its own, and a {@code sleigh.md} of its own that
   * is the project's with {@code workspace.root} set to a directory of its own. The store, the
   * repositories (the same path on every host, as on hosts that share it), the agent and the beacon
   * are the project's.
   */
  record Host(String name, Path home, Path config, Path workspaceRoot, String storeUrl) {
    Path workspace(String id) {
      return workspaceRoot.resolve(id);
    }

    private List<String> globalOptions() {
      return List.of("--home", home.toString(), "--config", config.toString(), "--store", storeUrl);
    }
  }

  /**
   * Host {@code name}, under {@code hosts/<name>}, configured as the project is now (so {@link
   * #configure} comes first); nothing is made under its workspace root until a runner needs it.
   */
  Host host(String name) {
    Path base = dir.resolve("hosts").resolve(name);
    Path root = base.resolve("workspaces");
    String config = read(dir.resolve("sleigh.md"));
    if (!config.startsWith("---\n")) {
      throw new IllegalStateException("configure the project before making hosts");
    }
    Path file =
        write(
            "hosts/" + name + "/sleigh.md",
            "---\nworkspace: {root: " + quoted(root.toString()) + "}\n" + config.substring(4));
    Host host =
        new Host(
            name,
            base.resolve("home"),
            file,
            root,
            storeUrl != null ? storeUrl : "jdbc:sqlite:" + home().resolve("sleigh.db"));
    hosts.add(host);
    return host;
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
    return cli(globalOptions(), args);
  }

  /** Runs {@code sleigh <args>} in this JVM as on {@code host}. */
  Cli cli(Host host, String... args) {
    return cli(host.globalOptions(), args);
  }

  private Cli cli(List<String> globalOptions, String... args) {
    List<String> argv = new ArrayList<>(globalOptions);
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

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /**
   * The id of every run of the project's commissions, as the store recorded them when each was
   * claimed, before any of its processes started.
   */
  Set<String> runIds() {
    Cli list = cli("commission", "list", "--json");
    assertThat(list.exit()).as(list.err()).isZero();
    Set<String> runs = new HashSet<>();
    for (JsonNode c : list.json().path("commissions")) {
      ofType(events(c.path("id").asText()), "claimed")
          .map(e -> e.path("data").path("lease_id").asText())
          .forEach(runs::add);
    }
    return runs;
  }

  /**
   * Every live process of the project: its agents, and every process a run of its store started
   * (hooks and evidence commands too), with whatever they started.
   */
  List<ProcessHandle> processes() {
    return AgentProcesses.of(dir, runIds());
  }

  /** Fails, after killing them, when any of the project's agent processes is still alive. */
  void assertNoAgentLeft(String context) throws InterruptedException {
    List<ProcessHandle> left = processes();
    if (!left.isEmpty()) {
      String described = AgentProcesses.describe(left);
      killAll();
      throw new AssertionError(context + ": agent processes survived:" + described);
    }
  }

  /** Kills every process of the project, again while one that forks keeps making new ones. */
  private void killAll() throws InterruptedException {
    Set<String> runs = knownRuns();
    for (int round = 0; round < 20; round++) {
      List<ProcessHandle> left = AgentProcesses.of(dir, runs);
      if (left.isEmpty()) {
        return;
      }
      AgentProcesses.kill(left);
    }
  }

  /** {@link #runIds()}, or none when the store cannot tell (clean-up after a broken test). */
  private Set<String> knownRuns() {
    try {
      return runIds();
    } catch (RuntimeException | AssertionError e) {
      return Set.of();
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
    List<ProcessHandle> left = new ArrayList<>(AgentProcesses.of(dir, knownRuns()));
    left.addAll(runnerChildren());
    String described = AgentProcesses.describe(left);
    left.forEach(ProcessHandle::destroyForcibly);
    AgentProcesses.awaitGone(left, Duration.ofSeconds(10));
    killAll();
    beacon.close();
    keepLogs();
    if (!left.isEmpty() && !runnersAlive) {
      throw new AssertionError("child processes outlived every runner:" + described);
    }
  }

  /**
   * Keeps the runners' logs, and the agent, hook and evidence logs of the home ({@code
   * sleigh-logs/}), under {@code target/it-logs/<test>}.
   */
  private void keepLogs() throws IOException {
    Path logs = dir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    Path kept =
        Path.of(System.getProperty("basedir", ""), "target", "it-logs", testName).toAbsolutePath();
    if (Files.exists(kept)) {
      try (Stream<Path> old = Files.walk(kept)) {
        for (Path f : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
    copyTree(logs, kept);
    Path homeLogs = home().resolve("logs");
    if (Files.isDirectory(homeLogs)) {
      copyTree(homeLogs, kept.resolve("sleigh-logs"));
    }
    for (Host host : hosts) {
      Path hostLogs = host.home().resolve("logs");
      if (Files.isDirectory(hostLogs)) {
        copyTree(hostLogs, kept.resolve("sleigh-logs-" + host.name()));
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
