package dev.sleigh.cli.text;

import dev.sleigh.runtime.RuntimeLog;
import dev.sleigh.view.ViewJson;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live progress of {@code sleigh run}. On a terminal: one line per commission in flight (phase,
 * attempt, turn, elapsed, tokens) plus a summary line, redrawn in place. With {@code --json}: the
 * runtime log's records as JSON Lines on stdout. Otherwise the plain log lines on stderr say it.
 */
public final class Progress {
  private Progress() {}

  public static RuntimeLog jsonLines(PrintStream out) {
    return entry -> {
      synchronized (out) {
        out.println(ViewJson.compact(entry));
        out.flush();
      }
    };
  }

  public static RuntimeLog terminal(PrintStream out, InstantSource clock) {
    return new Terminal(out, clock);
  }

  /** Redraws one line per commission in flight and a summary line after every record. */
  private static final class Terminal implements RuntimeLog {
    private final PrintStream out;
    private final InstantSource clock;
    private final Map<String, Line> lines = new TreeMap<>();
    private int drawn;
    private int finished;

    private record Line(String phase, int attempt, Object turn, Object tokens, Instant since) {}

    Terminal(PrintStream out, InstantSource clock) {
      this.out = out;
      this.clock = clock;
    }

    @Override
    public synchronized void record(Map<String, Object> entry) {
      String id = String.valueOf(entry.get("commission"));
      String event = String.valueOf(entry.get("event"));
      Line before = lines.get(id);
      Instant since = before == null ? clock.instant() : before.since();
      Object data = entry.get("data");
      Object turn =
          data instanceof Map<?, ?> m && m.containsKey("turn")
              ? m.get("turn")
              : before == null ? "-" : before.turn();
      Object tokens =
          data instanceof Map<?, ?> m && m.containsKey("tokens_total")
              ? m.get("tokens_total")
              : before == null ? 0 : before.tokens();
      switch (event) {
        case "completed", "failed", "blocked", "released", "waiting_human", "cancelled" -> {
          lines.remove(id);
          finished++;
        }
        default ->
            lines.put(
                id,
                new Line(
                    String.valueOf(entry.get("phase")),
                    ((Number) entry.getOrDefault("attempt", 0)).intValue(),
                    turn,
                    tokens,
                    since));
      }
      redraw();
    }

    private void redraw() {
      StringBuilder screen = new StringBuilder();
      if (drawn > 0) {
        screen.append("\033[").append(drawn).append('A');
      }
      Instant now = clock.instant();
      lines.forEach(
          (id, l) ->
              screen
                  .append("\033[2K")
                  .append(
                      String.format(
                          "  %-28s %s#%d  turn %s  %ds  %s tokens%n",
                          id,
                          l.phase(),
                          l.attempt(),
                          l.turn(),
                          Duration.between(l.since(), now).toSeconds(),
                          l.tokens())));
      screen
          .append("\033[2K")
          .append(String.format("in flight %d, finished %d%n", lines.size(), finished));
      screen.append("\033[J");
      drawn = lines.size() + 1;
      out.print(screen);
      out.flush();
    }
  }
}
