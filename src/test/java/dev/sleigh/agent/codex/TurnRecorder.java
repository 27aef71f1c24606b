package dev.sleigh.agent.codex;

import dev.sleigh.agent.AgentApproval;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.TurnListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records what a turn reports; tests wait for a line with a deadline, never by sleeping. */
final class TurnRecorder implements TurnListener {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<TokenUsage> tokens = new CopyOnWriteArrayList<>();
  final List<Long> pids = new CopyOnWriteArrayList<>();
  final List<AgentApproval> approvals = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
  private final Consumer<TokenUsage> onTokens;

  TurnRecorder() {
    this(t -> {});
  }

  TurnRecorder(Consumer<TokenUsage> onTokens) {
    this.onTokens = onTokens;
  }

  @Override
  public void activity(String line) {
    lines.add(line);
    arrivals.add(line);
  }

  @Override
  public void approval(AgentApproval request) {
    approvals.add(request);
  }

  @Override
  public void processStarted(long pid) {
    pids.add(pid);
  }

  @Override
  public void tokens(TokenUsage totals) {
    tokens.add(totals);
    onTokens.accept(totals);
  }

  /** Waits up to {@code limit} for a line containing {@code text}. */
  String await(String text, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (String seen : lines) {
      if (seen.contains(text)) {
        return seen;
      }
    }
    while (true) {
      String line = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line containing '" + text + "' in " + lines);
      }
      if (line.contains(text)) {
        return line;
      }
    }
  }
}
