package dev.sleigh.runtime.phase;

import dev.sleigh.agent.Agent;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.agent.TurnOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * An agent that runs in the test's own thread: each turn ends as the test queued it (a turn nobody
 * queued says it is done), after doing what the test asked of it. No process starts.
 */
final class MemoryAgent implements Agent {
  private final Deque<TurnOutcome> outcomes = new ArrayDeque<>();
  final List<SessionSpec> started = new ArrayList<>();
  final List<Turn> turns = new ArrayList<>();
  Consumer<Turn> onTurn = turn -> {};
  AgentLaunchException launchFailure;
  boolean cancelled;
  boolean closed;

  static TurnOutcome done() {
    return new TurnOutcome.Completed(TokenUsage.NONE, true);
  }

  static TurnOutcome notDone() {
    return new TurnOutcome.Completed(TokenUsage.NONE, false);
  }

  MemoryAgent then(TurnOutcome outcome) {
    outcomes.add(outcome);
    return this;
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public AgentSession start(SessionSpec spec) throws AgentLaunchException {
    if (launchFailure != null) {
      throw launchFailure;
    }
    started.add(spec);
    return new AgentSession() {
      @Override
      public TurnOutcome runTurn(Turn turn, TurnListener listener) {
        turns.add(turn);
        onTurn.accept(turn);
        TurnOutcome next = outcomes.poll();
        return next == null ? done() : next;
      }

      @Override
      public void cancel() {
        cancelled = true;
      }

      @Override
      public long pid() {
        return -1;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
