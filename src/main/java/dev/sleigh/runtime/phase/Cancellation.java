package dev.sleigh.runtime.phase;

import dev.sleigh.agent.AgentSession;
import java.util.concurrent.CompletableFuture;

/**
 * The one switch that stops what a run has going — its agent session, a hook or an evidence command
 * — and keeps it from starting anything more. Flipped from another thread (a cancel, a lost lease,
 * a shutdown); the session it stops is the one a step has open at that moment.
 */
public final class Cancellation {
  private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
  private volatile AgentSession session;

  /** Completes when the run is cancelled: what a {@link Shell} of the run watches. */
  public CompletableFuture<?> signal() {
    return cancelled;
  }

  public boolean isCancelled() {
    return cancelled.isDone();
  }

  public void cancel() {
    cancelled.complete(null);
    AgentSession current = session;
    if (current != null) {
      current.cancel();
    }
  }

  /** The session a cancel now stops; null when none is open. */
  void open(AgentSession current) {
    session = current;
  }
}
