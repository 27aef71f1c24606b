package dev.sleigh.agent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A session whose every turn runs one agent process: it keeps the process of the turn in progress
 * and the session's cancel signal, which the turn's wait watches.
 */
public abstract class ProcessPerTurnSession implements AgentSession {
  protected final CompletableFuture<Void> cancel = new CompletableFuture<>();
  protected volatile AgentProcess current;
  private final Duration grace;

  protected ProcessPerTurnSession(Duration grace) {
    this.grace = grace;
  }

  @Override
  public void cancel() {
    cancel.complete(null);
  }

  @Override
  public long pid() {
    AgentProcess process = current;
    return process == null ? -1 : process.pid();
  }

  /** Cancels a turn still running on another thread; that thread then stops the tree. */
  @Override
  public void close() {
    cancel();
    AgentProcess process = current;
    if (process != null) {
      process.stop(grace);
    }
  }
}
