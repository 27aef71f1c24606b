package dev.sleigh.runtime.phase;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Phase;
import java.util.Objects;

/**
 * One attempt of one phase of a claimed commission. A run holds the attempt it is in as one value,
 * so whoever asks where the run is (a forced release, an unexpected failure) reads phase and
 * attempt together; {@link #outside} is a run before its first phase or after its last.
 */
public record PhaseAttempt(CommissionRecord record, Phase phase, int attempt) {
  public PhaseAttempt {
    Objects.requireNonNull(record, "record");
    if (phase == null ? attempt != 0 : attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " of phase " + phase);
    }
  }

  /** The run of {@code record} outside any phase. */
  public static PhaseAttempt outside(CommissionRecord record) {
    return new PhaseAttempt(record, null, 0);
  }

  public String commissionId() {
    return record.id();
  }
}
