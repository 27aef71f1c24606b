package dev.sleigh.it;

import dev.sleigh.it.Forkers.Place;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One repetition of {@link NoLeftoversIT}: commission {@code id}, whose forker runs in {@code
 * place}, ignores SIGTERM when {@code deaf}, and is ended by {@code end}.
 */
record Repetition(String id, Ending end, Place place, boolean deaf) {
  /** How a forker is ended. */
  enum Ending {
    CANCEL,
    STALL,
    TIMEOUT,
    SHUTDOWN,
    SIGKILL;

    /** Whether the runner lives on after it: a cancel, a stall, a timeout. */
    boolean inRound() {
      return this == CANCEL || this == STALL || this == TIMEOUT;
    }

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code count} repetitions, each ending, place and deafness drawn from {@code random}. */
  static List<Repetition> choose(SplittableRandom random, int count) {
    List<Repetition> chosen = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      chosen.add(
          new Repetition(
              "nl-%03d".formatted(i),
              Ending.values()[random.nextInt(Ending.values().length)],
              Place.values()[random.nextInt(Place.values().length)],
              random.nextBoolean()));
    }
    return chosen;
  }

  /**
   * What the commission's state and phase failures show once everything settled: cancelled; failed
   * for its stall or timeout; completed by a later run after a shutdown or a takeover.
   */
  String expectedEnd() {
    return switch (end) {
      case CANCEL -> "cancelled";
      case SHUTDOWN, SIGKILL -> "completed";
      case STALL, TIMEOUT ->
          switch (place) {
            case AGENT -> end == Ending.STALL ? "failed stalled" : "failed turn_timeout";
            case EVIDENCE -> "failed evidence_failed:forker";
            case AFTER_CREATE -> "failed workspace: hook_failed:after_create (timed out";
            case BEFORE_RUN -> "failed hook_failed:before_run (timed out";
          };
    };
  }

  @Override
  public String toString() {
    return id + " " + end.wire() + "/" + place.wire + (deaf ? "/deaf" : "");
  }
}
