package dev.sleigh.agent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps every activity line; tests wait for a line with a deadline, never by sleeping. */
public final class RecordingListener implements TurnListener {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

  @Override
  public void activity(String line) {
    lines.add(line);
    arrivals.add(line);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** The first line starting with {@code prefix}, waiting up to {@code limit} for it. */
  public String await(String prefix, Duration limit) throws InterruptedException {
    for (String seen : lines) {
      if (seen.startsWith(prefix)) {
        return seen;
      }
    }
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      String line = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line starting with '" + prefix + "' in " + lines);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** The number after {@code prefix} on the first line that starts with it (a pid, say). */
  public long number(String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .map(l -> Long.parseLong(l.substring(prefix.length()).trim()))
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "…' in " + lines));
  }
}
