package dev.sleigh.lifecycle;

import dev.sleigh.domain.CommissionState;
import java.util.Objects;
import java.util.Set;

/** A typed refusal: {@code {code, message, retryable, state, allowed_states}} of SPEC §3.2. */
public record StoreError(
    ErrorCode code, String message, CommissionState state, Set<CommissionState> allowedStates) {

  public StoreError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    allowedStates = allowedStates == null ? Set.of() : Set.copyOf(allowedStates);
  }

  public static StoreError of(ErrorCode code, String message) {
    return new StoreError(code, message, null, Set.of());
  }

  public boolean retryable() {
    return code.retryable();
  }
}
