package dev.sleigh.agent.command;

import static dev.sleigh.agent.FakeAgents.alive;
import static dev.sleigh.agent.FakeAgents.script;
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
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CommandAgentTest {
  @TempDir Path dir;
  private Path workspace;
  private Path logFile;
  private final RecordingListener listener = new RecordingListener();
  private final List<Long> pids = new ArrayList<>();

  @BeforeEach
  void workspace() throws Exception {
    workspace = Files.createDirectories(dir.resolve("ws"));
    logFile = dir.resolve("logs/execute-2.log");
  }

  @AfterEach
  void killLeftovers() {
    pids.forEach(FakeAgents::killIfAlive);
  }

  private CommandAgent agent(String body) throws Exception {
    Path program = script(dir, "agent.sh", body);
    return new CommandAgent(
        List.of(program.toString()), Map.of("AGENT_MODE", "test"), InstantSource.system());
  }

  private TurnOutcome runOneTurn(String body, SessionSpec spec) throws Exception {
    try (AgentSession session = agent(body).start(spec)) {
      return session.runTurn(new Turn(1, 3, "do the work\nand more\n"), listener);
    }
  }

  @Test
  void anAgentThatExitsZeroCompletesTheTurn() throws Exception {
    TurnOutcome outcome = runOneTurn("echo working; exit 0", spec(workspace, logFile));

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(TokenUsage.NONE));
    assertThat(listener.lines()).containsExactly("working");
  }

  @Test
  void anAgentThatExitsSevenFailsRetryablyWithItsExitCode() throws Exception {
    TurnOutcome outcome = runOneTurn("exit 7", spec(workspace, logFile));

    assertThat(outcome).isEqualTo(new TurnOutcome.Failed("exit_code:7", true));
  }

  @Test
  void thePromptArrivesOnStdinAndInThePromptFile() throws Exception {
    runOneTurn(
        "cat > stdin.txt; cp \"$SLEIGH_PROMPT_FILE\" file.txt; echo \"$SLEIGH_PROMPT_FILE\"",
        spec(workspace, logFile));

    assertThat(workspace.resolve("stdin.txt")).hasContent("do the work\nand more\n");
    assertThat(workspace.resolve("file.txt")).hasContent("do the work\nand more\n");
    assertThat(listener.lines()).containsExactly(logFile.toAbsolutePath() + ".turn-1.prompt");
  }

  @Test
  void theSessionVariablesAndTheConfiguredEnvironmentReachTheAgentAndNothingElseDoes()
      throws Exception {
    runOneTurn("env > env.txt", spec(workspace, logFile));

    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(workspace.resolve("env.txt"))) {
      env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    assertThat(env)
        .containsEntry("SLEIGH_COMMISSION_ID", "c-1")
        .containsEntry("SLEIGH_PHASE", "execute")
        .containsEntry("SLEIGH_ATTEMPT", "2")
        .containsEntry("SLEIGH_TURN", "1")
        .containsEntry("SLEIGH_WORKSPACE", workspace.toAbsolutePath().toString())
        .containsEntry("AGENT_MODE", "test");
    assertThat(env.keySet())
        .allSatisfy(
            name ->
                assertThat(name)
                    .isIn(
                        List.of(
                            "PATH",
                            "HOME",
                            "LANG",
                            "TMPDIR",
                            "AGENT_MODE",
                            "SLEIGH_COMMISSION_ID",
                            "SLEIGH_PHASE",
                            "SLEIGH_ATTEMPT",
                            "SLEIGH_TURN",
                            "SLEIGH_WORKSPACE",
                            "SLEIGH_PROMPT_FILE",
                            "SLEIGH_CHILD",
                            "PWD",
                            "SHLVL",
                            "_")));
  }

  @Test
  void stderrLinesCountAsActivityAndGoToTheLogFile() throws Exception {
    runOneTurn("echo to-stdout; echo to-stderr >&2", spec(workspace, logFile));

    assertThat(listener.lines()).containsExactlyInAnyOrder("to-stdout", "to-stderr");
    assertThat(Files.readAllLines(logFile)).contains("to-stdout", "to-stderr");
  }

  @Test
  void anAgentThatGoesSilentStallsAndLeavesNoProcessBehind() throws Exception {
    TurnOutcome outcome =
        runOneTurn(
            "echo \"pid $$\"; sleep 600 & echo \"child $!\"; wait",
            spec(workspace, logFile, timeouts(300, 30_000, 2_000)));

    assertThat(outcome).isInstanceOf(TurnOutcome.Stalled.class);
    assertThat(((TurnOutcome.Stalled) outcome).silence())
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertGone("pid ", "child ");
  }

  @Test
  void anAgentThatKeepsTalkingButNeverExitsTimesOutAtTheTurnTimeout() throws Exception {
    TurnOutcome outcome =
        runOneTurn(
            "echo \"pid $$\"; while true; do echo tick; sleep 0.05; done",
            spec(workspace, logFile, timeouts(10_000, 800, 2_000)));

    assertThat(outcome).isEqualTo(new TurnOutcome.TimedOut(Duration.ofMillis(800)));
    assertGone("pid ");
  }

  @Test
  void anAgentThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    TurnOutcome outcome =
        runOneTurn(
            "trap '' TERM; echo \"pid $$\"; sleep 600 & echo \"child $!\"; wait",
            spec(workspace, logFile, timeouts(300, 30_000, 500)));

    assertThat(outcome).isInstanceOf(TurnOutcome.Stalled.class);
    assertGone("pid ", "child ");
  }

  @Test
  void aGrandchildLeftRunningInTheBackgroundDoesNotSurviveTheTurn() throws Exception {
    TurnOutcome outcome =
        runOneTurn("sleep 600 & echo \"child $!\"; exit 0", spec(workspace, logFile));

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(TokenUsage.NONE));
    assertGone("child ");
  }

  @Test
  void cancelFromAnotherThreadEndsTheTurnAsCancelledWithTheTreeStopped() throws Exception {
    CommandAgent agent = agent("echo \"pid $$\"; sleep 600 & echo \"child $!\"; wait");
    try (AgentSession session = agent.start(spec(workspace, logFile));
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<TurnOutcome> turn =
          threads.submit(() -> session.runTurn(new Turn(1, 1, "work"), listener));
      listener.await("child", Duration.ofSeconds(10));
      assertThat(session.pid()).isEqualTo(listener.number("pid "));

      session.cancel();

      assertThat(turn.get(10, TimeUnit.SECONDS)).isEqualTo(new TurnOutcome.Cancelled());
    }
    assertGone("pid ", "child ");
  }

  @Test
  void anInterruptedTurnStopsTheTreeAndPropagatesTheInterrupt() throws Exception {
    CommandAgent agent = agent("echo \"pid $$\"; sleep 600 & echo \"child $!\"; wait");
    CompletableFuture<Boolean> sawInterrupt = new CompletableFuture<>();
    try (AgentSession session = agent.start(spec(workspace, logFile))) {
      Thread turn =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      session.runTurn(new Turn(1, 1, "work"), listener);
                      sawInterrupt.complete(false);
                    } catch (InterruptedException e) {
                      sawInterrupt.complete(true);
                    }
                  });
      listener.await("child", Duration.ofSeconds(10));

      turn.interrupt();

      assertThat(turn.join(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(sawInterrupt).isCompletedWithValue(true);
    assertGone("pid ", "child ");
  }

  @Test
  void aTurnAfterCancelIsCancelledWithoutStartingTheAgent() throws Exception {
    try (AgentSession session = agent("echo started").start(spec(workspace, logFile))) {
      session.cancel();

      assertThat(session.runTurn(new Turn(1, 1, "p"), listener))
          .isEqualTo(new TurnOutcome.Cancelled());
    }
    assertThat(listener.lines()).isEmpty();
  }

  @Test
  void aProgramThatDoesNotExistIsALaunchFailureNamingIt() {
    CommandAgent agent =
        new CommandAgent(
            List.of("no-such-agent-program-7f3a", "--flag"), Map.of(), InstantSource.system());

    assertThatThrownBy(() -> agent.start(spec(workspace, logFile)))
        .isInstanceOf(AgentLaunchException.class)
        .hasMessageContaining("no-such-agent-program-7f3a");
  }

  @Test
  void aRelativeProgramIsLookedUpInTheWorkspace() {
    CommandAgent agent =
        new CommandAgent(List.of("./missing-agent.sh"), Map.of(), InstantSource.system());

    assertThatThrownBy(() -> agent.start(spec(workspace, logFile)))
        .isInstanceOf(AgentLaunchException.class)
        .hasMessageContaining("./missing-agent.sh");
  }

  private void assertGone(String... prefixes) {
    for (String prefix : prefixes) {
      long pid = listener.number(prefix);
      pids.add(pid);
      assertThat(alive(pid)).as("process %s%d", prefix, pid).isFalse();
    }
  }
}
