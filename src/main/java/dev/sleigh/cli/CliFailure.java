package dev.sleigh.cli;

import dev.sleigh.store.ErrorCode;
import dev.sleigh.store.StoreError;

/** A command that cannot go on, with the typed error the operator is shown. */
final class CliFailure extends RuntimeException {
  private final StoreError error;

  CliFailure(StoreError error) {
    super(error.code().wire() + ": " + error.message());
    this.error = error;
  }

  static CliFailure invalid(String message) {
    return new CliFailure(StoreError.of(ErrorCode.INVALID, message));
  }

  static CliFailure notFound(String message) {
    return new CliFailure(StoreError.of(ErrorCode.NOT_FOUND, message));
  }

  StoreError error() {
    return error;
  }
}
