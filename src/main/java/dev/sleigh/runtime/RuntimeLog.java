package dev.sleigh.runtime;

import java.util.Map;

/**
 * Where a runner reports what happens, one record per lifecycle or agent event, each naming the
 * commission, phase, attempt, run and epoch: the JSON Lines runtime log and the live progress on
 * the terminal both listen here.
 */
@FunctionalInterface
public interface RuntimeLog {
  RuntimeLog NONE = entry -> {};

  void record(Map<String, Object> entry);

  /** Both this and {@code other} receive every record. */
  default RuntimeLog and(RuntimeLog other) {
    return entry -> {
      record(entry);
      other.record(entry);
    };
  }
}
