package dev.sleigh.cli.common;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;

/** A command that cannot go on, with the typed error the operator is shown. */
public final class CliFailure extends RuntimeException {
  private final StoreError error;

  public CliFailure(StoreError error) {
    super(error.code().wire() + ": " + error.message());
    this.error = error;
  }

  public static CliFailure invalid(String message) {
    return new CliFailure(StoreError.of(ErrorCode.INVALID, message));
  }

  public static CliFailure notFound(String message) {
    return new CliFailure(StoreError.of(ErrorCode.NOT_FOUND, message));
  }

  StoreError error() {
    return error;
  }
}
