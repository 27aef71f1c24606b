package dev.sleigh.agent.demo;

import static dev.sleigh.agent.FakeAgents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.RecordingListener;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class DemoAgentTest {
  @TempDir Path dir;
  private final RecordingListener listener = new RecordingListener();

  private TurnOutcome run(String prompt) throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    DemoAgent agent = new DemoAgent(Map.of(), InstantSource.system());
    try (AgentSession session = agent.start(spec(ws, dir.resolve("logs/execute-1.log")))) {
      return session.runTurn(new Turn(1, 1, prompt), listener);
    }
  }

  @Test
  void theDemoAgentEditsTheWorkspaceAsAChildProcess() throws Exception {
    TurnOutcome outcome =
        run(
            """
        Commission: tidy the notes.
        create notes/todo.md: # Todo\\n- first
        append notes/todo.md: - second
        replace notes/todo.md: first => 1st
        """);

    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(TokenUsage.NONE));
    assertThat(dir.resolve("ws/notes/todo.md")).hasContent("# Todo\n- 1st\n- second\n");
    assertThat(listener.lines()).contains("demo agent: created notes/todo.md");
    assertThat(dir.resolve("logs/execute-1.log")).content().contains("created notes/todo.md");
  }

  @Test
  void theDemoAgentRefusesToWriteOutsideTheWorkspace() throws Exception {
    TurnOutcome outcome = run("create ../x: escaped\n");

    assertThat(outcome).isEqualTo(new TurnOutcome.Failed("exit_code:2", true));
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void theDemoAgentRefusesAnAbsolutePath() throws Exception {
    Path target = dir.resolve("abs.txt");

    TurnOutcome outcome = run("create " + target + ": escaped\n");

    assertThat(outcome).isEqualTo(new TurnOutcome.Failed("exit_code:2", true));
    assertThat(target).doesNotExist();
  }

  @Test
  void theDemoProgramRunsOnThisJvmWithThisClassPath() {
    assertThat(DemoAgent.argv())
        .startsWith(ProcessHandle.current().info().command().orElseThrow())
        .contains(System.getProperty("java.class.path"))
        .endsWith(DemoAgentMain.class.getName());
  }
}
