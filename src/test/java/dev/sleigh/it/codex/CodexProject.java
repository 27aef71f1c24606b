package dev.sleigh.it.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.testkit.GitRepos;
import dev.sleigh.testkit.InProcessSleigh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.StreamSupport;

/**
 * A Sleigh project in a temporary directory whose agent is the real codex, pointed at a {@link
 * FakeModelServer}: a git repository, decision {@code dec-a}, a {@code sleigh.md} and commission
 * {@code wc-a}. Commands run in-process on the real clock.
 */
final class CodexProject {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  private final SplittableRandom random = new SplittableRandom(23);

  CodexProject(Path dir) throws IOException, InterruptedException {
    this.dir = dir.toAbsolutePath();
    GitRepos.create(this.dir.resolve("repo"));
    Result added = run("decision", "add", "--id", "dec-a", "--title", "Greet");
    assertThat(added.exit()).as(added.err()).isZero();
  }

  record Result(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  /**
   * What varies between the projects of the tests: the approval policy (null: the default), lines
   * added to the {@code agent:} section and to {@code agent.codex.config}, and the execute prompt.
   */
  /**
   * How a project's codex is configured. The stall timeout is long (a loaded machine can keep codex
   * silent for seconds) unless a test is about stalls.
   */
  record Config(
      String approvalPolicy,
      String agentLines,
      String codexLines,
      String executePrompt,
      String stallTimeout) {
    static final String DONE_PROMPT =
        """
        {{commission.body}}

        When the work is complete, end your final message with a line that says SLEIGH_DONE.
        """;

    static Config of(String approvalPolicy) {
      return new Config(approvalPolicy, "", "", DONE_PROMPT, "30s");
    }

    Config agent(String lines) {
      return new Config(
          approvalPolicy, agentLines + lines, codexLines, executePrompt, stallTimeout);
    }

    Config codex(String lines) {
      return new Config(
          approvalPolicy, agentLines, codexLines + lines, executePrompt, stallTimeout);
    }

    Config prompt(String prompt) {
      return new Config(approvalPolicy, agentLines, codexLines, prompt, stallTimeout);
    }

    Config stall(String timeout) {
      return new Config(approvalPolicy, agentLines, codexLines, executePrompt, timeout);
    }
  }

  /**
   * A {@code sleigh.md} running {@code codex} against {@code model} under the default approval
   * policy, and commission wc-a.
   */
  void configure(Path codex, FakeModelServer model, int attemptsPerPhase) throws IOException {
    configure(codex, model, attemptsPerPhase, (String) null);
  }

  void configure(Path codex, FakeModelServer model, int attemptsPerPhase, String approvalPolicy)
      throws IOException {
    configure(codex, model, attemptsPerPhase, Config.of(approvalPolicy));
  }

  void configure(Path codex, FakeModelServer model, int attemptsPerPhase, Config config)
      throws IOException {
    Files.createDirectories(dir.resolve("codex-home"));
    write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, concurrency: 1, lease_ttl: 5s, cancel_grace: 1s}
        retry: {max_attempts_per_phase: %d, max_attempts_total: 8, backoff_base: 100ms, backoff_max: 200ms}
        agent:
          kind: codex
          command: ["%s", "app-server"]
          stall_timeout: %s
          turn_timeout: 60s
          read_timeout: 20s
          %s
          env: {CODEX_HOME: "%s", OPENAI_API_KEY: dummy-key-for-a-fake-server}
          model: fake-model
          reasoning_effort: low
        %s  codex:
            sandbox: workspace-write
            config:
              model_provider: fake
              model_providers.fake.name: fake
              model_providers.fake.base_url: "%s"
              model_providers.fake.wire_api: responses
              model_providers.fake.env_key: OPENAI_API_KEY
              model_providers.fake.request_max_retries: 0
              model_providers.fake.stream_max_retries: 0
              features.plugins: false
        %s---
        ## Execute
        %s
        """
            .formatted(
                attemptsPerPhase,
                codex,
                config.stallTimeout(),
                config.approvalPolicy() == null
                    ? "# approval_policy: the default"
                    : "approval_policy: " + config.approvalPolicy(),
                dir.resolve("codex-home"),
                config.agentLines().indent(2),
                model.baseUrl(),
                config.codexLines().indent(6),
                config.executePrompt()));
    write(
        "wc.yaml",
        """
        id: wc-a
        title: Add a greeting
        decision: {id: dec-a}
        repo: {path: repo, base_ref: main}
        scope: {allowed_paths: ["src/**"]}
        body: Write "hello from codex" into src/greeting.txt.
        """);
    Result created = run("commission", "create", "-f", "wc.yaml");
    assertThat(created.exit()).as(created.err()).isZero();
  }

  Result run(String... args) {
    var o = InProcessSleigh.run(args, dir, InstantSource.system(), random, Map.of());
    return new Result(o.exit(), o.out(), o.err());
  }

  JsonNode show() {
    return run("commission", "show", "wc-a", "--json").json();
  }

  List<JsonNode> events() {
    JsonNode events = run("commission", "events", "wc-a", "--json").json().path("events");
    return StreamSupport.stream(events.spliterator(), false).toList();
  }

  List<JsonNode> events(String type) {
    return events().stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  Path workspace() {
    return dir.resolve(".sleigh/workspaces/wc-a");
  }

  /** The execute attempt logs: codex's stderr and the JSON-RPC lines it printed. */
  String agentLogs() {
    try (var files = Files.walk(dir.resolve(".sleigh/logs"))) {
      StringBuilder all = new StringBuilder();
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append("== ").append(f).append('\n').append(Files.readString(f));
      }
      return all.toString();
    } catch (IOException e) {
      return "(no agent logs: " + e.getMessage() + ")";
    }
  }

  private void write(String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Processes still running that were started for this project's model server. */
  static List<String> leftovers(FakeModelServer model) {
    String marker = "127.0.0.1:" + model.port();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .filter(line -> line.contains(marker))
        .toList();
  }
}
