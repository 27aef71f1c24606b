package dev.sleigh.cli.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live block of {@code sleigh run} on a terminal, as text: a pure function of the runs in
 * flight, how many ended, the time and the terminal's width. Every line is clipped to one column
 * less than the width, so none wraps and the block is always exactly as many terminal lines tall as
 * it has lines: erasing it moves the cursor up that many and clears to the end of the screen.
 */
public final class LiveBlock {
  /** Columns when the terminal's width is not known. */
  public static final int DEFAULT_WIDTH = 80;

  /** The narrowest width drawn for; a narrower terminal gets lines of this width, clipped. */
  static final int MIN_WIDTH = 20;

  private LiveBlock() {}

  /**
   * One run in flight: its commission, the phase attempt it is in ({@code phase} null before its
   * first), the agent's last turn and tokens so far, and since when it runs.
   */
  public record Row(
      String commission, String phase, int attempt, Object turn, Object tokens, Instant since) {}

  /** The block's lines at {@code now}: one per run, then the summary, each clipped. */
  public static List<String> lines(List<Row> rows, int finished, Instant now, int width) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          clip(
              String.format(
                  "  %-20s %s  turn %s  %s  %s tokens",
                  r.commission(),
                  r.phase() == null ? "claimed" : r.phase() + "#" + r.attempt(),
                  r.turn() == null ? "-" : r.turn(),
                  elapsed(Duration.between(r.since(), now)),
                  r.tokens() == null ? 0 : r.tokens()),
              width));
    }
    out.add(clip("in flight " + rows.size() + ", finished " + finished, width));
    return out;
  }

  /**
   * Takes a block of {@code drawn} lines off the screen, the cursor being on the line below it:
   * back to its first line, which is cleared with all below. Nothing when nothing is drawn.
   */
  public static String erase(int drawn) {
    return drawn <= 0 ? "" : "\r\033[" + drawn + "A\033[J";
  }

  /** What replaces a block of {@code drawn} lines with {@code lines}, cursor left below them. */
  public static String draw(int drawn, List<String> lines) {
    StringBuilder b = new StringBuilder(erase(drawn));
    lines.forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }

  /**
   * What prints {@code line} above a block of {@code drawn} lines that is then drawn again as
   * {@code lines}: the log line scrolls up with the rest of the output, the block stays whole.
   */
  public static String above(int drawn, String line, List<String> lines) {
    return erase(drawn) + line + "\n" + draw(0, lines);
  }

  /** {@code text} cut to {@code width - 1} columns (counted in code points). */
  static String clip(String text, int width) {
    int max = Math.max(width, MIN_WIDTH) - 1;
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max));
  }

  /** {@code 42s}, {@code 3m07s}, {@code 1h02m}. */
  static String elapsed(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** The width {@code COLUMNS} names, or the default when it is unset or not a width. */
  public static int width(String columns) {
    if (columns != null) {
      try {
        int n = Integer.parseInt(columns.strip());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // not a width: the default
      }
    }
    return DEFAULT_WIDTH;
  }
}
