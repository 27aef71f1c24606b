package dev.sleigh.agent.codex;

import static dev.sleigh.agent.codex.CodexFixture.RELAXED;
import static dev.sleigh.agent.codex.CodexFixture.alive;
import static dev.sleigh.agent.codex.CodexFixture.first;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.ApprovalPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stalls, timeouts, cancels and failed starts: each ends the turn and the whole process tree. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CodexStopTest {
  @TempDir Path dir;
  CodexFixture fx;

  @BeforeEach
  void fixture() {
    fx = new CodexFixture(dir);
  }

  @Test
  void aSilentTurnStallsThenIsInterruptedAndTheTreeKilledAfterTheGrace() throws Exception {
    var timeouts = CodexFixture.timeouts(1_000, 30_000, 500);
    long started = System.nanoTime();
    TurnOutcome outcome;
    try (AgentSession session = fx.start("stall-with-child", ApprovalPolicy.ACCEPT_ALL, timeouts)) {
      outcome = first(session, new TurnRecorder());
      assertThat(alive(fx.fake.pid())).isFalse();
      assertThat(alive(fx.fake.childPid())).as("a child that ignores SIGTERM").isFalse();
    }
    assertThat(outcome).isInstanceOf(TurnOutcome.Stalled.class);
    assertThat(fx.fake.received("turn/interrupt")).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aTurnThatKeepsTalkingButNeverEndsTimesOut() throws Exception {
    var timeouts = CodexFixture.timeouts(1_000, 2_000, 500);
    try (AgentSession session = fx.start("busy", ApprovalPolicy.ACCEPT_ALL, timeouts)) {
      assertThat(first(session, new TurnRecorder()))
          .isEqualTo(new TurnOutcome.TimedOut(Duration.ofMillis(2_000)));
      assertThat(alive(fx.fake.pid())).isFalse();
    }
    assertThat(fx.fake.received("turn/interrupt")).hasSize(1);
  }

  @Test
  void aCancelFromAnotherThreadInterruptsTheTurnAndEndsTheProcess() throws Exception {
    TurnRecorder recorder = new TurnRecorder();
    try (AgentSession session = fx.start("stall", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      var turn =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return first(session, recorder);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      recorder.await("\"turn/started\"", Duration.ofSeconds(20));
      session.cancel();
      assertThat(turn.get(20, TimeUnit.SECONDS)).isEqualTo(new TurnOutcome.Cancelled());
      assertThat(alive(session.pid())).isFalse();
      assertThat(first(session, recorder)).isEqualTo(new TurnOutcome.Cancelled());
    }
    assertThat(fx.fake.received("turn/interrupt")).hasSize(1);
  }

  @Test
  void aListenerThatCancelsOnTokensEndsTheTurnAsCancelled() throws Exception {
    TurnOutcome outcome;
    try (AgentSession session = fx.start("cancel", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      TurnRecorder recorder =
          new TurnRecorder(
              t -> {
                if (t.total() > 1_000) {
                  session.cancel();
                }
              });
      outcome = first(session, recorder);
      assertThat(recorder.tokens.getFirst().total()).isEqualTo(5_000);
      assertThat(alive(session.pid())).isFalse();
    }
    assertThat(outcome).isEqualTo(new TurnOutcome.Cancelled());
  }

  @Test
  void anAppServerThatNeverAnswersTheHandshakeFailsTheLaunchWithinTheReadTimeout()
      throws Exception {
    var options = new CodexOptions(ApprovalPolicy.ACCEPT_ALL, Duration.ofMillis(800), Map.of());
    var agent = fx.fake.agent("silent-init", options, Map.of(), Map.of());
    assertThatThrownBy(() -> agent.start(fx.spec(RELAXED)))
        .isInstanceOf(AgentLaunchException.class)
        .hasMessageContaining("initialize: no answer within");
    fx.fake
        .startedPid()
        .ifPresent(pid -> assertThat(alive(pid)).as("the fake, pid %d", pid).isFalse());
  }

  @Test
  void aMissingProgramIsAFinalLaunchFailureNamingItAndHowToInstallIt() {
    var agent =
        new CodexAgent(
            List.of("no-such-codex-here"),
            Map.of("PATH", "/usr/bin"),
            CodexOptions.DEFAULT,
            Map.of(),
            InstantSource.system());
    assertThatThrownBy(() -> agent.start(fx.spec(RELAXED)))
        .isInstanceOfSatisfying(
            AgentLaunchException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.reason())
                  .startsWith("agent_program_missing: ")
                  .contains("npm install -g @openai/codex");
            })
        .hasMessageContaining("no-such-codex-here");
  }
}
