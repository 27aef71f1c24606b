package dev.sleigh.agent;

/** One turn: its number within the session, the maximum, and the rendered prompt. */
public record Turn(int number, int maxTurns, String prompt) {
  public Turn {
    if (number < 1 || number > maxTurns) {
      throw new IllegalArgumentException("turn " + number + " of " + maxTurns);
    }
  }
}
