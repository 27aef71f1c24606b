package dev.sleigh.agent.codex;

import static dev.sleigh.agent.codex.CodexFixture.RELAXED;
import static dev.sleigh.agent.codex.CodexFixture.first;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.domain.ApprovalPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How the app-server is started: its argv, its overrides and its environment. */
class CodexAgentTest {
  @TempDir Path dir;

  @Test
  void aSessionGivenTheToolServerDeclaresItInMcpServersBeforeTheOperatorsOverrides() {
    var agent =
        new CodexAgent(
            List.of(),
            Map.of(),
            new CodexOptions(
                ApprovalPolicy.ACCEPT_ALL,
                Duration.ofSeconds(5),
                Map.of("mcp_servers.sleigh.tool_timeout_sec", "60")),
            Map.of(),
            InstantSource.system());
    var tools =
        new dev.sleigh.agent.ToolServer(
            "sleigh",
            List.of("/usr/bin/java", "-cp", "it's.jar", "mcp", "--lease-epoch", "3"),
            Map.of("SLEIGH_RUN_ID", "ls-1"));
    assertThat(agent.argv(java.util.Optional.of(tools)))
        .containsExactly(
            "codex",
            "app-server",
            "-c",
            "mcp_servers.sleigh.command=\"/usr/bin/java\"",
            "-c",
            "mcp_servers.sleigh.args=[\"-cp\",\"it's.jar\",\"mcp\",\"--lease-epoch\",\"3\"]",
            "-c",
            "mcp_servers.sleigh.env.SLEIGH_RUN_ID=\"ls-1\"",
            "-c",
            "mcp_servers.sleigh.startup_timeout_sec=60",
            "-c",
            "mcp_servers.sleigh.tool_timeout_sec=3600",
            "-c",
            "mcp_servers.sleigh.tool_timeout_sec=60");
    assertThat(agent.argv(java.util.Optional.empty())).isEqualTo(agent.argv());
  }

  @Test
  void anEmptyCommandMeansCodexAppServerAndEachOverrideBecomesADashCPair() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("model_provider", "local");
    config.put("model_providers.local.wire_api", "responses");
    var agent =
        new CodexAgent(
            List.of(),
            Map.of(),
            new CodexOptions(ApprovalPolicy.ACCEPT_ALL, Duration.ofSeconds(5), config),
            Map.of(),
            InstantSource.system());
    assertThat(agent.kind()).isEqualTo("codex");
    assertThat(agent.argv())
        .containsExactly(
            "codex",
            "app-server",
            "-c",
            "model_provider=local",
            "-c",
            "model_providers.local.wire_api=responses");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theAppServerGetsItsOverridesAndAVariableNamedFromTheRunnersEnvironment() throws Exception {
    var fx = new CodexFixture(dir);
    var options =
        new CodexOptions(
            ApprovalPolicy.ACCEPT_ALL, Duration.ofSeconds(10), Map.of("features.plugins", "false"));
    var agent =
        fx.fake.agent(
            "done",
            options,
            Map.of("FAKE_SECRET", "${RUNNER_SECRET}"),
            Map.of("RUNNER_SECRET", "s3cret"));
    try (AgentSession session = agent.start(fx.spec(RELAXED))) {
      first(session, new TurnRecorder());
    }
    var argv = fx.fake.transcript().getFirst();
    assertThat(argv.path("argv").toString())
        .isEqualTo("[\"done\",\"-c\",\"features.plugins=false\"]");
    assertThat(argv.path("env").asText()).isEqualTo("s3cret");
  }

  @Test
  void aVariableTheRunnerDoesNotHaveFailsTheLaunchWithoutStartingAnything() {
    var fx = new CodexFixture(dir);
    var agent =
        fx.fake.agent(
            "done",
            CodexOptions.DEFAULT,
            Map.of("OPENAI_API_KEY", "${SLEIGH_TEST_UNSET_KEY}"),
            Map.of());
    assertThatThrownBy(() -> agent.start(fx.spec(RELAXED)))
        .isInstanceOfSatisfying(
            AgentLaunchException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.reason()).startsWith("agent_env_missing: ");
            })
        .hasMessageContaining("agent.env.OPENAI_API_KEY")
        .hasMessageContaining("SLEIGH_TEST_UNSET_KEY");
  }

  @Test
  void theDoneLineMustStandOnItsOwnLine() {
    assertThat(TurnTracker.saysDone("All changed.\nSLEIGH_DONE\n")).isTrue();
    assertThat(TurnTracker.saysDone("  SLEIGH_DONE  ")).isTrue();
    assertThat(TurnTracker.saysDone("I will print SLEIGH_DONE when finished")).isFalse();
    assertThat(TurnTracker.saysDone("")).isFalse();
  }
}
