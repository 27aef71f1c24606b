package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sleigh run} in-process with a real command agent, real git and small real durations. */
class RunCommandTest {
  @TempDir Path dir;
  RealClockCli cli;

  @BeforeEach
  void project() throws Exception {
    cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
  }

  void configure(String script) throws Exception {
    Path agent = cli.write("agent.sh", "#!/bin/bash\n" + script);
    agent.toFile().setExecutable(true);
    configureAgent(
        "{kind: command, command: [\"%s\"], stall_timeout: 1s, turn_timeout: 30s}"
            .formatted(agent));
  }

  /** A project whose {@code agent:} section is {@code agent}, and commission wc-a. */
  void configureAgent(String agent) {
    cli.write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, concurrency: 2, lease_ttl: 2s, cancel_grace: 1s}
        retry: {max_attempts_per_phase: 3, max_attempts_total: 8, backoff_base: 100ms, backoff_max: 1s}
        agent: %s
        ---
        ## Execute
        {{commission.body}}
        """
            .formatted(agent));
    cli.write(
        "wc.yaml",
        """
        id: wc-a
        title: Do it
        decision: {id: dec-a}
        repo: {path: repo, base_ref: main}
        scope: {allowed_paths: ["src/**"]}
        body: do the work
        """);
    var created = cli.run("commission", "create", "-f", "wc.yaml");
    assertThat(created.exit()).as(created.err()).isZero();
  }

  List<JsonNode> events() {
    var r = cli.run("commission", "events", "wc-a", "--json");
    return StreamSupport.stream(r.json().path("events").spliterator(), false).toList();
  }

  Path workspace() {
    return dir.resolve(".sleigh/workspaces/wc-a");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aCommandAgentCarriesACommissionToCompletion() throws Exception {
    configure("echo \"prompt: $(cat)\"\necho done > src/out.txt\n");
    var run = cli.run("run", "--drain", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("completed");
    assertThat(Files.readString(workspace().resolve("src/out.txt"))).isEqualTo("done\n");
    assertThat(events())
        .extracting(e -> e.path("type").asText())
        .containsSubsequence(
            "claimed", "phase_passed", "phase_passed", "phase_passed", "phase_passed", "completed");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anExecuteThatStalledResumesAtAttemptTwoOnTheSameWorkspaceAndNeverRerunsPreflight()
      throws Exception {
    configure(
        """
        if [ "$SLEIGH_ATTEMPT" = "1" ]; then echo first > src/attempt1.txt; echo going quiet; exec sleep 600; fi
        echo second > src/attempt2.txt
        """);
    var run = cli.run("run", "--drain");
    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonNode> events = events();
    assertThat(
            events.stream()
                .filter(
                    e ->
                        e.path("type").asText().equals("phase_passed")
                            && e.path("phase").asText().equals("preflight")))
        .hasSize(1);
    assertThat(events.stream().filter(e -> e.path("type").asText().equals("phase_failed")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("phase").asText()).isEqualTo("execute");
              assertThat(e.path("data").path("reason").asText()).isEqualTo("stalled");
            });
    assertThat(
            events.stream()
                .filter(
                    e ->
                        e.path("type").asText().equals("phase_passed")
                            && e.path("phase").asText().equals("execute"))
                .findFirst()
                .orElseThrow()
                .path("attempt")
                .asInt())
        .isEqualTo(2);
    assertThat(workspace().resolve("src/attempt1.txt")).exists();
    assertThat(workspace().resolve("src/attempt2.txt")).exists();
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("completed");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anAgentThatAlwaysStallsEndsFailedAfterThePhaseBudgetWithGrowingBackoff() throws Exception {
    configure("echo start\nexec sleep 600\n");
    var run = cli.run("run", "--drain");
    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("wc-a: failed (retry_budget_exhausted)");
    var show = cli.run("commission", "show", "wc-a", "--json").json();
    assertThat(show.path("state").asText()).isEqualTo("failed");
    assertThat(show.path("reason").asText()).isEqualTo("retry_budget_exhausted");
    List<JsonNode> failures =
        events().stream().filter(e -> e.path("type").asText().equals("phase_failed")).toList();
    assertThat(failures).hasSize(3).allMatch(e -> e.path("phase").asText().equals("execute"));
    List<Duration> gaps = new ArrayList<>();
    for (JsonNode f : failures.subList(0, 2)) {
      gaps.add(
          Duration.between(
              Instant.parse(f.path("at").asText()),
              Instant.parse(f.path("data").path("retry_at").asText())));
    }
    assertThat(gaps.get(1)).isGreaterThan(gaps.get(0));
    assertThat(failures.get(2).path("data").has("retry_at")).isFalse();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aMissingAgentProgramFailsTheCommissionAtTheFirstAttemptSayingHowToFixIt() {
    configureAgent(
        "{kind: command, command: [no-such-agent-program-7f3a], stall_timeout: 1s,"
            + " turn_timeout: 30s}");

    var run = cli.run("run", "--drain");

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
    var show = cli.run("commission", "show", "wc-a", "--json").json();
    assertThat(show.path("state").asText()).isEqualTo("failed");
    assertThat(show.path("reason").asText())
        .startsWith("agent_program_missing: ")
        .contains("no-such-agent-program-7f3a", "agent.command");
    assertThat(phaseFailures())
        .singleElement()
        .satisfies(f -> assertThat(f.path("data").path("retryable").asBoolean()).isFalse());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anAgentEnvReferenceToAnUnsetVariableFailsTheCommissionAtTheFirstAttemptNamingTheKey()
      throws Exception {
    Path agent = cli.write("agent.sh", "#!/bin/bash\necho done > src/out.txt\n");
    agent.toFile().setExecutable(true);
    configureAgent(
        ("{kind: command, command: [\"%s\"], stall_timeout: 1s, turn_timeout: 30s,"
                + " env: {API_KEY: \"${SLEIGH_TEST_NEVER_SET_7F3A}\"}}")
            .formatted(agent));

    var run = cli.run("run", "--drain");

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
    var show = cli.run("commission", "show", "wc-a", "--json").json();
    assertThat(show.path("state").asText()).isEqualTo("failed");
    assertThat(show.path("reason").asText())
        .startsWith("agent_env_missing: ")
        .contains("agent.env.API_KEY", "SLEIGH_TEST_NEVER_SET_7F3A", "export");
    assertThat(phaseFailures()).hasSize(1);
    assertThat(workspace().resolve("src/out.txt")).doesNotExist();
  }

  private List<JsonNode> phaseFailures() {
    return events().stream().filter(e -> e.path("type").asText().equals("phase_failed")).toList();
  }

  @Test
  void aBrokenConfigurationIsRefusedWithFileLineAndKey() {
    cli.write("sleigh.md", "---\nengine: {lease_ttl: soon}\n---\n");
    var run = cli.run("run", "--once");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("sleigh.md:2").contains("engine.lease_ttl");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void runWithHttpServesTheStatusWhileItRunsAndStopsServingAfter() throws Exception {
    configure("echo done > src/out.txt\n");
    int port;
    try (var probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    var run = cli.run("run", "--drain", "--http=" + port);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("serving http://127.0.0.1:" + port)
        .contains("Authorization: Bearer ");
    try (var socket = new java.net.Socket()) {
      org.junit.jupiter.api.Assertions.assertThrows(
          java.io.IOException.class,
          () -> socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000));
    }
  }
}
