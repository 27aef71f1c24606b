package dev.sleigh.agent;

/** Token counts; absolute totals for a session unless said otherwise. */
public record TokenUsage(long input, long output, long total) {
  public static final TokenUsage NONE = new TokenUsage(0, 0, 0);
}
