package dev.sleigh.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** One step of the pipeline, in pipeline order. */
public enum Phase {
  PREFLIGHT,
  FRAME,
  EXECUTE,
  MEASURE;

  /**
   * Whether this phase hands its prompt to an agent. Only execute does: measure runs evidence
   * commands, so a prompt configured for any other phase would never reach anyone.
   */
  public boolean runsAgent() {
    return switch (this) {
      case PREFLIGHT, FRAME, MEASURE -> false;
      case EXECUTE -> true;
    };
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Phase> fromWire(String text) {
    return Arrays.stream(values()).filter(p -> p.wire().equals(text)).findFirst();
  }
}
