package dev.sleigh.agent.claude;

import static dev.sleigh.agent.FakeAgents.alive;
import static dev.sleigh.agent.FakeAgents.spec;
import static dev.sleigh.agent.FakeAgents.timeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.FakeAgents;
import dev.sleigh.agent.RecordingListener;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.ToolServer;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ClaudeAgentTest {
  private static final String PROMPT = "Fix the login timeout.\nKeep the diff small.\n";

  @TempDir Path dir;
  private Path workspace;
  private Path logFile;
  private FakeClaude claude;
  private final RecordingListener lines = new RecordingListener();
  private final FakeClaude.Recorder listener = new FakeClaude.Recorder(lines);

  @BeforeEach
  void workspace() throws Exception {
    workspace = Files.createDirectories(dir.resolve("ws"));
    logFile = dir.resolve("logs/execute-2.log");
    claude = new FakeClaude(dir);
  }

  @AfterEach
  void killLeftovers() {
    listener.pids.forEach(FakeAgents::killIfAlive);
  }

  private ClaudeAgent agent(ClaudeSettings settings) {
    return new ClaudeAgent(settings, Map.of(), InstantSource.system());
  }

  private TurnOutcome oneTurn(SessionSpec spec) throws Exception {
    try (AgentSession session = agent(claude.settings()).start(spec)) {
      return session.runTurn(new Turn(1, 3, PROMPT), listener);
    }
  }

  @Test
  void aSuccessfulRunCompletesTheTurnAsFinishedWithItsTokenUsage() throws Exception {
    claude.replaying("success.jsonl");

    TurnOutcome outcome = oneTurn(spec(workspace, logFile));

    var usage = new TokenUsage(1200 + 300 + 4500, 640, 6640);
    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(usage, true));
    assertThat(listener.tokens).containsExactly(usage);
    assertThat(listener.pids).hasSize(1);
    assertThat(lines.lines()).hasSize(5);
    assertThat(claude.argv(1))
        .containsSequence("-p", "--output-format", "stream-json", "--verbose")
        .containsSequence("--permission-mode", "acceptEdits")
        .contains("--append-system-prompt")
        .doesNotContain("--max-turns", "--model", "--effort", "--resume", "--allowedTools");
    assertThat(claude.stdin(1)).isEqualTo(PROMPT);
    assertThat(claude.cwd(1)).isEqualTo(workspace.toRealPath().toString());
    assertThat(Files.readString(logFile)).contains("\"subtype\":\"init\"");
  }

  @Test
  void anErrorResultFailsTheTurnRetryably() throws Exception {
    claude.replaying("error-overloaded.jsonl").exitingWith(1);

    TurnOutcome outcome = oneTurn(spec(workspace, logFile));

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(outcome.retryable()).isTrue();
    assertThat(outcome.reason())
        .startsWith("agent_server_error: claude: ")
        .contains("529", "Overloaded");
  }

  @Test
  void anErrorResultOfARequestTheModelApiRefusedIsNotRetried() throws Exception {
    claude.replaying("error-bad-request.jsonl").exitingWith(1);

    TurnOutcome outcome = oneTurn(spec(workspace, logFile));

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(outcome.retryable()).isFalse();
    assertThat(outcome.reason())
        .startsWith("agent_bad_request: claude: ")
        .contains("api status 400", "scripted failure", "agent.model");
  }

  @Test
  void linesThatAreNotMessagesAreSkippedButCountAsActivity() throws Exception {
    claude.replaying("garbage.jsonl");

    TurnOutcome outcome = oneTurn(spec(workspace, logFile));

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(new TokenUsage(6000, 640, 6640), true));
    assertThat(lines.lines()).hasSize(11).contains("Loading configuration...", "", "[1, 2, 3]");
  }

  @Test
  void aSilentRunStallsAndItsProcessIsKilled() throws Exception {
    claude.replaying("silence.jsonl").thenHanging();

    TurnOutcome outcome = oneTurn(spec(workspace, logFile, timeouts(600, 30_000, 500)));

    assertThat(outcome).isInstanceOf(TurnOutcome.Stalled.class);
    assertThat(lines.lines()).hasSize(1);
    assertThat(listener.pids).hasSize(1).allSatisfy(pid -> assertThat(alive(pid)).isFalse());
  }

  @Test
  void theSecondTurnResumesTheSessionTheFirstReportedAndTokensAddUp() throws Exception {
    claude.replaying("not-finished.jsonl", "resumed.jsonl");

    try (AgentSession session = agent(claude.settings()).start(spec(workspace, logFile))) {
      TurnOutcome first = session.runTurn(new Turn(1, 4, PROMPT), listener);
      TurnOutcome second = session.runTurn(new Turn(2, 4, "Go on."), listener);

      assertThat(first).isEqualTo(new TurnOutcome.Completed(new TokenUsage(100, 50, 150), false));
      assertThat(second).isEqualTo(new TurnOutcome.Completed(new TokenUsage(300, 120, 420), true));
    }
    assertThat(claude.argv(1)).doesNotContain("--resume");
    assertThat(claude.argv(2))
        .containsSequence("--resume", "5f0c2a9e-7b1d-4c3e-9a6f-2d8e1b4c7a10")
        .doesNotContain("--max-turns");
    assertThat(claude.stdin(2)).isEqualTo("Go on.");
    assertThat(listener.tokens)
        .containsExactly(new TokenUsage(100, 50, 150), new TokenUsage(300, 120, 420));
  }

  @Test
  void aRunThatUsedUpItsModelTurnsIsNotFinishedSoTheSessionMayGoOn() throws Exception {
    claude.replaying("max-turns.jsonl").exitingWith(1);

    TurnOutcome outcome = oneTurn(spec(workspace, logFile));

    assertThat(outcome).isInstanceOf(TurnOutcome.Completed.class);
    assertThat(((TurnOutcome.Completed) outcome).finished()).isFalse();
  }

  @Test
  void theDenyPolicyRunsInDefaultModeWithTheAllowedToolsAndDenialsDoNotFailTheTurn()
      throws Exception {
    claude.replaying("denied.jsonl");
    var settings = claude.settings(ApprovalPolicy.DENY, List.of("Read", "Bash(git diff:*)"));

    TurnOutcome outcome;
    try (AgentSession session = agent(settings).start(spec(workspace, logFile))) {
      outcome = session.runTurn(new Turn(1, 1, PROMPT), listener);
    }

    assertThat(outcome).isInstanceOf(TurnOutcome.Completed.class);
    assertThat(claude.argv(1))
        .containsSequence("--permission-mode", "default")
        .endsWith("--allowedTools", "Read", "Bash(git diff:*)");
  }

  @Test
  void aSessionGivenTheToolServerHasItInMcpConfigAndItsToolsAllowed() throws Exception {
    claude.replaying("success.jsonl");
    var settings = claude.settings(ApprovalPolicy.DENY, List.of("Read"));
    SessionSpec base = spec(workspace, logFile);
    SessionSpec withTools =
        new SessionSpec(
            base.commission(),
            base.phase(),
            base.attempt(),
            base.workspace(),
            base.logFile(),
            base.env(),
            base.timeouts(),
            new ToolServer(
                "sleigh",
                List.of("/usr/bin/java", "-cp", "a b.jar", "dev.sleigh.Main", "mcp"),
                Map.of("SLEIGH_RUN_ID", "ls-1")));

    try (AgentSession session = agent(settings).start(withTools)) {
      session.runTurn(new Turn(1, 1, PROMPT), listener);
    }

    List<String> argv = claude.argv(1);
    assertThat(argv).endsWith("--allowedTools", "Read", "mcp__sleigh");
    String config = argv.get(argv.indexOf("--mcp-config") + 1);
    var server =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(config)
            .path("mcpServers")
            .path("sleigh");
    assertThat(server.path("type").asText()).isEqualTo("stdio");
    assertThat(server.path("command").asText()).isEqualTo("/usr/bin/java");
    assertThat(server.path("args").get(1).asText()).isEqualTo("a b.jar");
    assertThat(server.path("args").get(3).asText()).isEqualTo("mcp");
    assertThat(server.path("env").path("SLEIGH_RUN_ID").asText()).isEqualTo("ls-1");
  }

  @Test
  void theModelEffortAndExtraArgumentsGoWhereClaudeReadsThemAndItsOwnTurnCapIsLeftAlone()
      throws Exception {
    claude.replaying("success.jsonl");
    var base = claude.settings(ApprovalPolicy.WORKSPACE, List.of("Read"));
    var settings =
        new ClaudeSettings(
            base.command(),
            base.env(),
            base.approval(),
            base.allowedTools(),
            new AgentTuning("sonnet", "high", List.of("--max-turns", "50")));

    try (AgentSession session = agent(settings).start(spec(workspace, logFile))) {
      session.runTurn(new Turn(1, 20, PROMPT), listener);
    }

    assertThat(claude.argv(1))
        .containsSequence("--model", "sonnet")
        .containsSequence("--effort", "high")
        .containsSequence("--max-turns", "50", "--allowedTools", "Read")
        .doesNotContain("20");
  }

  @Test
  void aRunThatEndsWithoutAResultFailsRetryably() throws Exception {
    claude.replaying("silence.jsonl");
    TurnOutcome clean = oneTurn(spec(workspace, logFile));
    claude.exitingWith(3);
    TurnOutcome crashed = oneTurn(spec(workspace, logFile));

    assertThat(clean)
        .isEqualTo(
            new TurnOutcome.Failed(
                "claude_no_result: exited 0 without a result message after 1 message(s)", true));
    assertThat(crashed.reason()).startsWith("exit_code:3 ");
    assertThat(crashed.retryable()).isTrue();
  }

  @Test
  void aRunThatStaysUpAfterItsResultIsStoppedAndCompletesTheTurn() throws Exception {
    claude.replaying("success.jsonl").thenHanging();

    TurnOutcome outcome = oneTurn(spec(workspace, logFile, timeouts(20_000, 30_000, 300)));

    assertThat(outcome).isInstanceOf(TurnOutcome.Completed.class);
    assertThat(listener.pids).allSatisfy(pid -> assertThat(alive(pid)).isFalse());
  }

  @Test
  void aCancelEndsTheRunningTurnAndItsProcess() throws Exception {
    claude.replaying("silence.jsonl").thenHanging();
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    try (AgentSession session = agent(claude.settings()).start(spec(workspace, logFile))) {
      Future<TurnOutcome> turn =
          executor.submit(() -> session.runTurn(new Turn(1, 1, PROMPT), listener));
      lines.await("{\"type\":\"system\"", Duration.ofSeconds(20));
      session.cancel();

      assertThat(turn.get(20, TimeUnit.SECONDS)).isEqualTo(new TurnOutcome.Cancelled());
      assertThat(session.runTurn(new Turn(1, 1, PROMPT), listener))
          .isEqualTo(new TurnOutcome.Cancelled());
    } finally {
      executor.shutdownNow();
    }
    assertThat(listener.pids).hasSize(1).allSatisfy(pid -> assertThat(alive(pid)).isFalse());
  }

  @Test
  void aMissingProgramFailsTheLaunchNamingIt() {
    var settings =
        new ClaudeSettings(
            List.of("no-such-claude-here"),
            Map.of("PATH", "/usr/bin"),
            ApprovalPolicy.WORKSPACE,
            List.of());

    assertThatThrownBy(() -> agent(settings).start(spec(workspace, logFile)))
        .isInstanceOf(AgentLaunchException.class)
        .hasMessageContaining("no-such-claude-here");
  }

  @Test
  void onlyTheModelCredentialsArePassedFromTheRunnersEnvironment() throws Exception {
    claude.replaying("success.jsonl");
    Map<String, String> runner =
        Map.of(
            "ANTHROPIC_API_KEY",
            "sk-test-key",
            "OPENAI_API_KEY",
            "not-for-this-agent",
            "DATABASE_PASSWORD",
            "secret");

    try (AgentSession session =
        new ClaudeAgent(claude.settings(), runner, InstantSource.system())
            .start(spec(workspace, logFile))) {
      session.runTurn(new Turn(1, 1, PROMPT), listener);
    }

    assertThat(claude.env(1))
        .contains(
            "ANTHROPIC_API_KEY=sk-test-key", "SLEIGH_COMMISSION_ID=c-1", "SLEIGH_PHASE=execute");
    assertThat(claude.env(1))
        .noneMatch(l -> l.startsWith("OPENAI_API_KEY=") || l.startsWith("DATABASE_PASSWORD="));
  }
}
