package dev.sleigh.store;

import dev.sleigh.lifecycle.StoreError;

/** Carries a {@link StoreError} where a caller chose to treat a refusal as exceptional. */
public final class StoreException extends RuntimeException {
  private final StoreError error;

  public StoreException(StoreError error) {
    super(error.code().wire() + ": " + error.message());
    this.error = error;
  }

  public StoreException(StoreError error, Throwable cause) {
    super(error.code().wire() + ": " + error.message(), cause);
    this.error = error;
  }

  public StoreError error() {
    return error;
  }
}
