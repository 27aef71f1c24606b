package dev.sleigh.agent;

import static dev.sleigh.agent.FakeAgents.alive;
import static dev.sleigh.agent.FakeAgents.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AgentProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final RecordingListener listener = new RecordingListener();
  private final List<Long> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(FakeAgents::killIfAlive);
  }

  private AgentProcess start(String body, String stdin, boolean stderrIsActivity) throws Exception {
    Path program = script(dir, "agent.sh", body);
    ProcessLaunch launch =
        new ProcessLaunch(
            List.of(program.toString()),
            dir,
            Map.of("GREETING", "hello"),
            stdin,
            dir.resolve("logs/agent.log"),
            stderrIsActivity);
    AgentProcess process = AgentProcess.start(launch, listener::activity);
    started.add(process.pid());
    return process;
  }

  @Test
  void stdinIsWrittenAndClosedAndStdoutLinesAreActivityAndLogged() throws Exception {
    try (AgentProcess process =
        start("echo \"$GREETING\"; cat; echo end", "line one\nline two\n", false)) {
      assertThat(process.waitFor(WAIT)).isTrue();
      assertThat(process.awaitOutput(WAIT)).isTrue();

      assertThat(process.exitCode()).isZero();
      assertThat(listener.lines()).containsExactly("hello", "line one", "line two", "end");
    }
    assertThat(Files.readAllLines(dir.resolve("logs/agent.log")))
        .containsExactly("hello", "line one", "line two", "end");
  }

  @Test
  void stderrGoesToTheLogButIsNotActivityUnlessAskedFor() throws Exception {
    try (AgentProcess process = start("echo out; echo oops >&2", "", false)) {
      assertThat(process.waitFor(WAIT)).isTrue();
      assertThat(process.awaitOutput(WAIT)).isTrue();
      assertThat(listener.lines()).containsExactly("out");
    }
    assertThat(Files.readAllLines(dir.resolve("logs/agent.log")))
        .containsExactlyInAnyOrder("out", "oops");
  }

  @Test
  void theProcessLeadsItsOwnProcessGroup() throws Exception {
    try (AgentProcess process = start("echo \"pgid $(cut -d' ' -f5 /proc/$$/stat)\"", "", false)) {
      assertThat(process.waitFor(WAIT)).isTrue();
      assertThat(process.awaitOutput(WAIT)).isTrue();
      assertThat(listener.number("pgid ")).isEqualTo(process.pid());
    }
  }

  @Test
  void stopKillsATreeThatIgnoresSigtermOnceTheGraceIsOver() throws Exception {
    AgentProcess process = start("trap '' TERM; sleep 600 & echo \"child $!\"; wait", "", false);
    listener.await("child", WAIT);
    long child = listener.number("child ");
    started.add(child);

    long begin = System.nanoTime();
    process.stop(Duration.ofMillis(500));
    Duration took = Duration.ofNanos(System.nanoTime() - begin);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(alive(process.pid())).isFalse();
    assertThat(alive(child)).isFalse();
    process.close();
  }

  @Test
  void stopReachesABackgroundChildWhoseParentHasAlreadyExited() throws Exception {
    AgentProcess process = start("sleep 600 >/dev/null 2>&1 & echo \"child $!\"", "", false);
    assertThat(process.waitFor(WAIT)).isTrue();
    listener.await("child", WAIT);
    long orphan = listener.number("child ");
    started.add(orphan);
    assertThat(alive(orphan)).isTrue();

    process.stop(Duration.ofSeconds(2));

    assertThat(alive(orphan)).isFalse();
    process.close();
  }

  @Test
  void aMissingProgramIsALaunchFailureThatNamesIt() {
    ProcessLaunch launch =
        new ProcessLaunch(
            List.of("no-such-agent-program-7f3a"),
            dir,
            Map.of(),
            "",
            dir.resolve("agent.log"),
            false);

    assertThatThrownBy(() -> AgentProcess.start(launch, line -> {}))
        .isInstanceOf(AgentLaunchException.class)
        .hasMessageContaining("no-such-agent-program-7f3a");
  }
}
