package dev.sleigh.agent.codex;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentProcess;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.ProcessLaunch;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.agent.TurnOutcome;
import java.time.InstantSource;

/**
 * One {@code codex app-server} process and one codex thread for one phase attempt; each Sleigh turn
 * is a codex turn on that thread. A turn ends with {@code turn/completed}; a stall, the turn
 * timeout or a cancel sends {@code turn/interrupt} and stops the process tree when the cancel grace
 * is up. The process, its channel and the thread are the session's {@link CodexConnection}; each
 * turn is a {@link TurnRun} over it.
 */
final class CodexSession implements AgentSession {
  private final CodexConnection connection;
  private boolean pidReported;

  private CodexSession(CodexConnection connection) {
    this.connection = connection;
  }

  /** Starts the app-server and opens a thread in the workspace; a failure stops the process. */
  static CodexSession open(
      ProcessLaunch launch, SessionSpec spec, CodexOptions options, InstantSource clock)
      throws AgentLaunchException {
    return new CodexSession(CodexConnection.open(launch, spec, options, clock));
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnListener turnListener) throws InterruptedException {
    if (connection.cancelled()) {
      return new TurnOutcome.Cancelled();
    }
    AgentProcess process = connection.process();
    if (!process.isAlive()) {
      return new TurnOutcome.Failed("agent_exited: code " + process.exitCode(), true);
    }
    connection.listenWith(turnListener);
    if (!pidReported) {
      pidReported = true;
      turnListener.processStarted(process.pid());
    }
    try {
      return new TurnRun(connection, turn).run();
    } catch (InterruptedException e) {
      process.stop(connection.timeouts().cancelGrace());
      throw e;
    } finally {
      connection.listenWith(TurnListener.NONE);
    }
  }

  /** Lines of output that were not JSON-RPC messages, so far. */
  long skippedLines() {
    return connection.skippedLines();
  }

  @Override
  public void cancel() {
    connection.cancel();
  }

  @Override
  public long pid() {
    return connection.pid();
  }

  /** Cancels a turn still running on another thread and ends the process tree. */
  @Override
  public void close() {
    connection.close();
  }
}
