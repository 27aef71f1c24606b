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

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Phase> fromWire(String text) {
    return Arrays.stream(values()).filter(p -> p.wire().equals(text)).findFirst();
  }
}
