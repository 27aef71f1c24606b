package dev.sleigh.agent.codex;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.ApprovalPolicy;
import dev.sleigh.domain.Phase;
import dev.sleigh.process.Liveness;
import dev.sleigh.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A workspace, a log file and a spec for sessions with the fake app-server. */
final class CodexFixture {
  static final SessionSpec.Timeouts RELAXED =
      new SessionSpec.Timeouts(
          Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(2));

  final Path workspace;
  final Path log;
  final FakeCodex fake;

  CodexFixture(Path dir) {
    try {
      this.workspace = Files.createDirectories(dir.resolve("ws"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.log = dir.resolve("logs/execute-1.log");
    this.fake = new FakeCodex(dir);
  }

  SessionSpec spec(SessionSpec.Timeouts timeouts) {
    return new SessionSpec(
        Fixtures.commission("c-1"), Phase.EXECUTE, 1, workspace, log, Map.of(), timeouts);
  }

  static SessionSpec.Timeouts timeouts(long stallMillis, long turnMillis, long graceMillis) {
    return new SessionSpec.Timeouts(
        Duration.ofMillis(stallMillis),
        Duration.ofMillis(turnMillis),
        Duration.ofMillis(graceMillis));
  }

  AgentSession start(String scenario, ApprovalPolicy policy, SessionSpec.Timeouts timeouts)
      throws AgentLaunchException {
    return fake.agent(scenario, policy).start(spec(timeouts));
  }

  static TurnOutcome first(AgentSession session, TurnRecorder recorder)
      throws InterruptedException {
    return session.runTurn(new Turn(1, 3, "Change the greeting."), recorder);
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(Liveness::running).orElse(false);
  }
}
