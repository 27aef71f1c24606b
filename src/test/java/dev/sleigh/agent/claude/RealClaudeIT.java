package dev.sleigh.agent.claude;

import static dev.sleigh.agent.FakeAgents.spec;
import static dev.sleigh.agent.FakeAgents.timeouts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.Main;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.FakeAgents;
import dev.sleigh.agent.RecordingListener;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.agent.claude.FakeMessagesApi.Reply;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.domain.ApprovalPolicy;
import dev.sleigh.testkit.GitRepos;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter against the real {@code claude} program (installed from npm), whose model is a fake
 * Messages API on 127.0.0.1: the program runs offline, with a test key that never leaves the
 * machine.
 */
@Timeout(600)
class RealClaudeIT {
  private static final String KEY = "sk-sleigh-test-key";
  private static Path claude;

  @TempDir Path dir;
  private Path workspace;
  private Path logFile;
  private FakeMessagesApi api;
  private final RecordingListener lines = new RecordingListener();
  private final FakeClaude.Recorder listener = new FakeClaude.Recorder(lines);

  @BeforeAll
  static void install() throws Exception {
    claude = ClaudeInstall.program();
  }

  @BeforeEach
  void workspace() throws Exception {
    workspace = Files.createDirectories(dir.resolve("ws"));
    logFile = dir.resolve("logs/execute-1.log");
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    listener.pids.forEach(FakeAgents::killIfAlive);
  }

  private AgentSession session(
      Function<FakeMessagesApi.Request, Reply> model, ApprovalPolicy approval) throws Exception {
    api = new FakeMessagesApi(model);
    Path home = Files.createDirectories(dir.resolve("home"));
    var settings =
        new ClaudeSettings(
            List.of(claude.toString()),
            Map.of(
                "HOME",
                home.toString(),
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
                "1",
                "DISABLE_AUTOUPDATER",
                "1"),
            approval,
            List.of());
    var runnerEnv = Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", api.baseUrl());
    return new ClaudeAgent(settings, runnerEnv, InstantSource.system())
        .start(spec(workspace, logFile, timeouts(120_000, 300_000, 2_000)));
  }

  /** Writes hello.txt through the Write tool, then says it is done. */
  private Reply writeThenFinish(FakeMessagesApi.Request request) {
    return request.answersATool()
        ? new Reply.Text("Created hello.txt.\nSLEIGH_DONE", 7)
        : new Reply.ToolUse(
            "Write",
            Map.of(
                "file_path",
                workspace.resolve("hello.txt").toString(),
                "content",
                "hello from the fake model\n"),
            9);
  }

  @Test
  void theRealProgramEditsTheWorkspaceAndFinishesTheTurn() throws Exception {
    TurnOutcome outcome;
    try (AgentSession session = session(this::writeThenFinish, ApprovalPolicy.WORKSPACE)) {
      outcome = session.runTurn(new Turn(1, 5, "Create hello.txt, please."), listener);
    }

    assertThat(outcome).isInstanceOf(TurnOutcome.Completed.class);
    assertThat(((TurnOutcome.Completed) outcome).finished()).isTrue();
    assertThat(workspace.resolve("hello.txt")).hasContent("hello from the fake model");
    long input = 2 * FakeMessagesApi.INPUT_TOKENS;
    assertThat(((TurnOutcome.Completed) outcome).usage())
        .isEqualTo(new TokenUsage(input, 16, input + 16));
    assertThat(api.streamed())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(KEY));
    assertThat(lines.lines()).anyMatch(l -> l.contains("\"type\":\"result\""));
    assertThat(listener.pids).hasSize(1).allSatisfy(p -> assertThat(FakeAgents.alive(p)).isFalse());
  }

  @Test
  void aContinuationTurnResumesTheSameConversation() throws Exception {
    Function<FakeMessagesApi.Request, Reply> model =
        r ->
            r.body().toString().contains("Go on")
                ? new Reply.Text("Finished the rest.\nSLEIGH_DONE", 5)
                : new Reply.Text("Did the first half.", 4);
    TurnOutcome first;
    TurnOutcome second;
    try (AgentSession session = session(model, ApprovalPolicy.WORKSPACE)) {
      first = session.runTurn(new Turn(1, 3, "Do the first half, then stop."), listener);
      second = session.runTurn(new Turn(2, 3, "Go on with the rest."), listener);
    }

    assertThat(first).isInstanceOf(TurnOutcome.Completed.class);
    assertThat(((TurnOutcome.Completed) first).finished()).isFalse();
    assertThat(second).isInstanceOf(TurnOutcome.Completed.class);
    assertThat(((TurnOutcome.Completed) second).finished()).isTrue();
    assertThat(((TurnOutcome.Completed) second).usage().output()).isEqualTo(4 + 5);
    String resumed = api.streamed().getLast().body().toString();
    assertThat(resumed)
        .contains("Do the first half, then stop.", "Did the first half.", "Go on with the rest.");
  }

  @Test
  void underTheDenyPolicyTheEditIsRefusedAndTheTurnStillEnds() throws Exception {
    TurnOutcome outcome;
    try (AgentSession session = session(this::writeThenFinish, ApprovalPolicy.DENY)) {
      outcome = session.runTurn(new Turn(1, 5, "Create hello.txt, please."), listener);
    }

    assertThat(outcome).isInstanceOf(TurnOutcome.Completed.class);
    assertThat(workspace.resolve("hello.txt")).doesNotExist();
    assertThat(lines.lines()).anyMatch(l -> l.contains("\"permission_denials\":[{"));
  }

  @Test
  void aRequestTheModelApiRefusesFailsTheTurnForGood() throws Exception {
    TurnOutcome outcome;
    try (AgentSession session =
        session(
            r -> new Reply.Status(400, "invalid_request_error", "scripted refusal"),
            ApprovalPolicy.WORKSPACE)) {
      outcome = session.runTurn(new Turn(1, 5, "Anything."), listener);
    }

    assertThat(outcome).isInstanceOf(TurnOutcome.Failed.class);
    assertThat(outcome.retryable()).isFalse();
    assertThat(outcome.reason()).contains("400", "scripted refusal");
  }

  @Test
  void aWholeCommissionRunsThroughSleighRunWithTheRealProgram() throws Exception {
    Path ws = dir.resolve(".sleigh/workspaces/wc-claude");
    api =
        new FakeMessagesApi(
            r ->
                r.answersATool()
                    ? new Reply.Text("Wrote src/out.txt.\nSLEIGH_DONE", 6)
                    : new Reply.ToolUse(
                        "Write",
                        Map.of(
                            "file_path",
                            ws.resolve("src/out.txt").toString(),
                            "content",
                            "written by the real program\n"),
                        8));
    GitRepos.create(dir.resolve("repo"));
    // An in-process runner cannot export variables, so the fake key goes into agent.env here;
    // a real key is exported where the runner starts and never written into sleigh.md.
    Files.writeString(
        dir.resolve("sleigh.md"),
        """
        ---
        engine: {poll_interval: 100ms, lease_ttl: 5s, cancel_grace: 2s}
        agent:
          kind: claude
          command: ["%s"]
          approval_policy: workspace
          allowed_tools: [Read]
          stall_timeout: 60s
          turn_timeout: 120s
          env:
            HOME: "%s"
            ANTHROPIC_BASE_URL: "%s"
            ANTHROPIC_API_KEY: "%s"
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1"
        ---
        ## Execute
        {{commission.body}}
        """
            .formatted(claude, Files.createDirectories(dir.resolve("home")), api.baseUrl(), KEY));
    Files.writeString(
        dir.resolve("wc.yaml"),
        """
        id: wc-claude
        title: Write the output file
        decision: {id: dec-a}
        repo: {path: repo, base_ref: main}
        scope: {allowed_paths: ["src/**"]}
        body: Write src/out.txt.
        """);
    assertThat(sleigh("decision", "add", "--id", "dec-a", "--title", "A")).isZero();
    assertThat(sleigh("commission", "create", "-f", "wc.yaml")).isZero();

    assertThat(sleigh("run", "--drain")).isZero();

    assertThat(ws.resolve("src/out.txt")).hasContent("written by the real program");
    var show = new ByteArrayOutputStream();
    assertThat(sleigh(show, "commission", "show", "wc-claude", "--json")).isZero();
    assertThat(show.toString(StandardCharsets.UTF_8)).contains("\"state\" : \"completed\"");
    assertThat(api.streamed())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(KEY));
  }

  private int sleigh(String... args) {
    return sleigh(new ByteArrayOutputStream(), args);
  }

  private int sleigh(ByteArrayOutputStream out, String... args) {
    var err = new ByteArrayOutputStream();
    var env =
        new CliEnvironment(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            InstantSource.system(),
            new SplittableRandom(7),
            Map.of("PATH", System.getenv("PATH")),
            dir);
    int exit = Main.run(args, env);
    if (exit != 0) {
      System.err.println(
          "sleigh "
              + String.join(" ", args)
              + " exited "
              + exit
              + ":\n"
              + out.toString(StandardCharsets.UTF_8)
              + err.toString(StandardCharsets.UTF_8));
    }
    return exit;
  }
}
