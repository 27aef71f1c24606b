package dev.sleigh.cli.text;

import dev.sleigh.runtime.RuntimeLog;
import dev.sleigh.view.ViewJson;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Live progress of {@code sleigh run}. On a terminal: one line per run in flight (phase, attempt,
 * turn, elapsed, tokens) plus a summary line, redrawn in place ({@link Live}). With {@code --json}:
 * the runtime log's records as JSON Lines on stdout. Otherwise the plain log lines on stderr say
 * it.
 */
public final class Progress {
  /**
   * The records that end a run's line at once; {@code run_ended}, which every run reports last,
   * ends the line of a run that ended any other way (cancelled elsewhere, lease lost, a failed
   * attempt that will be retried, released at shutdown).
   */
  private static final Set<String> ENDINGS =
      Set.of(
          "completed",
          "failed",
          "blocked",
          "released",
          "waiting_human",
          "cancelled",
          "expired",
          "phase_failed");

  private static final String RUN_ENDED = "run_ended";

  private Progress() {}

  public static RuntimeLog jsonLines(PrintStream out) {
    return entry -> {
      synchronized (out) {
        out.println(ViewJson.compact(entry));
        out.flush();
      }
    };
  }

  /** The live block on {@code out}, a terminal {@code width} columns wide. */
  public static Live terminal(PrintStream out, InstantSource clock, int width) {
    return new Live(out, clock, width);
  }

  /**
   * The live block: follows the runtime log's records, is redrawn whenever one arrives and on every
   * {@link #refresh()} (once a second, so elapsed times move), prints log lines above itself with
   * {@link #log(String)}, and takes itself off the screen at {@link #close()}. What it prints is
   * {@link LiveBlock}'s.
   */
  public static final class Live implements RuntimeLog, AutoCloseable {
    private final PrintStream out;
    private final InstantSource clock;
    private final int width;

    /** By commission, then run: the lines in the order they are shown. */
    private final Map<String, LiveBlock.Row> rows = new TreeMap<>();

    /** Runs whose line an ending record took away, until their {@code run_ended}. */
    private final Set<String> ended = new HashSet<>();

    private int drawn;
    private int finished;
    private boolean closed;

    Live(PrintStream out, InstantSource clock, int width) {
      this.out = out;
      this.clock = clock;
      this.width = width;
    }

    @Override
    public synchronized void record(Map<String, Object> entry) {
      String commission = String.valueOf(entry.get("commission"));
      String key = commission + "\u0000" + entry.getOrDefault("run_id", "");
      String event = String.valueOf(entry.get("event"));
      if (event.equals(RUN_ENDED)) {
        end(key);
        ended.remove(key);
      } else if (ENDINGS.contains(event)) {
        end(key);
        ended.add(key);
      } else if (!ended.contains(key)) {
        rows.put(key, updated(rows.get(key), commission, event, entry));
      }
      redraw();
    }

    private void end(String key) {
      if (rows.remove(key) != null) {
        finished++;
      }
    }

    private LiveBlock.Row updated(
        LiveBlock.Row before, String commission, String event, Map<String, Object> entry) {
      Object data = entry.get("data");
      Map<?, ?> m = data instanceof Map<?, ?> map ? map : Map.of();
      boolean newPhase = before == null || event.equals("phase_started");
      Object turn = m.containsKey("turn") ? m.get("turn") : newPhase ? null : before.turn();
      Object tokens =
          m.containsKey("tokens_total")
              ? m.get("tokens_total")
              : before == null ? null : before.tokens();
      Object phase = entry.get("phase");
      return new LiveBlock.Row(
          commission,
          phase == null ? (before == null ? null : before.phase()) : String.valueOf(phase),
          phase == null
              ? (before == null ? 0 : before.attempt())
              : entry.get("attempt") instanceof Number n ? n.intValue() : 0,
          turn,
          tokens,
          before == null ? clock.instant() : before.since());
    }

    /** Draws the block again at the clock's now: elapsed times move on. */
    public synchronized void refresh() {
      redraw();
    }

    /** Prints {@code line} above the block, which is drawn again below it. */
    public synchronized void log(String line) {
      if (closed) {
        out.println(line);
      } else {
        List<String> lines = lines();
        out.print(LiveBlock.above(drawn, line, lines));
        drawn = lines.size();
      }
      out.flush();
    }

    /** Takes the block off the screen; later log lines print as they are. */
    @Override
    public synchronized void close() {
      if (!closed) {
        out.print(LiveBlock.erase(drawn));
        out.flush();
        drawn = 0;
        closed = true;
      }
    }

    private void redraw() {
      if (closed) {
        return;
      }
      List<String> lines = lines();
      out.print(LiveBlock.draw(drawn, lines));
      out.flush();
      drawn = lines.size();
    }

    private List<String> lines() {
      return LiveBlock.lines(List.copyOf(rows.values()), finished, clock.instant(), width);
    }
  }
}
