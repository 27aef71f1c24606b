package dev.sleigh.agent.claude;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentProcess;
import dev.sleigh.agent.ProcessLaunch;
import dev.sleigh.agent.ProcessPerTurnSession;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.StallWatch;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.agent.TurnWait;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phase attempt of the claude agent: one process per turn, the first turn starting a session
 * and each continuation turn resuming it. Token totals add up the runs of the session, since each
 * run reports only its own.
 */
final class ClaudeSession extends ProcessPerTurnSession {
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeSession.class);

  /** What the session runs, with which environment, for whom and where. */
  record Setup(ClaudeSettings settings, Map<String, String> env, SessionSpec spec) {}

  private final Setup setup;
  private final InstantSource clock;
  private final AtomicReference<TokenUsage> totals = new AtomicReference<>(TokenUsage.NONE);
  private volatile String sessionId;

  ClaudeSession(Setup setup, InstantSource clock) {
    super(setup.spec().timeouts().cancelGrace());
    this.setup = setup;
    this.clock = clock;
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnListener listener) throws InterruptedException {
    if (cancel.isDone()) {
      return new TurnOutcome.Cancelled();
    }
    Optional<String> resume = Optional.ofNullable(sessionId).filter(id -> turn.number() > 1);
    if (turn.number() > 1 && resume.isEmpty()) {
      return new TurnOutcome.Failed(
          "claude_no_session: no earlier turn reported a session id to" + " resume", true);
    }
    Run run =
        new Run(new StallWatch(clock), new TurnTranscript(), listener, new CompletableFuture<>());
    AgentProcess process;
    try {
      process = AgentProcess.start(launch(turn, resume), line -> onLine(line, run));
    } catch (AgentLaunchException e) {
      return e.outcome();
    }
    // Silence counts from the moment the agent runs: a slow launch is not the agent's silence.
    run.watch().touch();
    run.started().complete(process);
    return await(turn, process, run);
  }

  /** One turn's process as it runs: its stall watch, what it said, who listens. */
  private record Run(
      StallWatch watch,
      TurnTranscript transcript,
      TurnListener listener,
      CompletableFuture<AgentProcess> started) {}

  /** Every line is a sign of life; a result adds the run's tokens to the session's totals. */
  private void onLine(String line, Run run) {
    run.watch().touch();
    run.listener().activity(line);
    if (run.transcript().accept(line) instanceof StreamMessage.Result result) {
      run.listener().tokens(totals.accumulateAndGet(result.usage(), ClaudeSession::plus));
      endAfterResult(run.started());
    }
  }

  private TurnOutcome await(Turn turn, AgentProcess process, Run run) throws InterruptedException {
    current = process;
    run.listener().processStarted(process.pid());
    try {
      return new TurnWait(clock, setup.spec().timeouts(), cancel)
          .await(
              process, run.watch(), code -> ResultVerdict.of(run.transcript(), code, totals.get()));
    } finally {
      process.stop(setup.spec().timeouts().cancelGrace());
      process.close();
      current = null;
      run.transcript().sessionId().ifPresent(id -> sessionId = id);
      report(turn, run.transcript());
    }
  }

  private ProcessLaunch launch(Turn turn, Optional<String> resume) {
    SessionSpec spec = setup.spec();
    return new ProcessLaunch(
        ClaudeArgv.of(setup.settings(), resume, spec.toolServer()),
        spec.workspace(),
        setup.env(),
        turn.prompt(),
        spec.logFile(),
        false);
  }

  /**
   * The run has said all it will; a program that stays up after its result (a background shell, a
   * server it started) is given the cancel grace to exit and is then stopped, so the turn ends with
   * its result rather than as a stall.
   */
  private void endAfterResult(CompletableFuture<AgentProcess> started) {
    var grace = setup.spec().timeouts().cancelGrace();
    Thread.ofVirtual()
        .name("claude-linger")
        .start(
            () -> {
              try {
                AgentProcess process = started.join();
                if (!process.waitFor(grace)) {
                  LOG.info(
                      "claude pid {} is still running {} after its result; stopping it",
                      process.pid(),
                      grace);
                  process.stop(grace);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  private static void report(Turn turn, TurnTranscript transcript) {
    if (transcript.skipped() > 0) {
      LOG.info(
          "claude turn {} printed {} line(s) that were not JSON messages; they were"
              + " skipped and are in the agent log",
          turn.number(),
          transcript.skipped());
    }
    transcript
        .result()
        .ifPresent(
            r ->
                LOG.debug(
                    "claude turn {} ended {} after {} model turn(s), cost {} USD",
                    turn.number(),
                    r.subtype(),
                    r.numTurns(),
                    r.totalCostUsd()));
  }

  private static TokenUsage plus(TokenUsage a, TokenUsage b) {
    return new TokenUsage(a.input() + b.input(), a.output() + b.output(), a.total() + b.total());
  }

  /** The session id the last turn reported; what the next turn resumes. */
  Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }
}
