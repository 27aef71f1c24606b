package dev.sleigh.cli.common;

import dev.sleigh.lifecycle.ErrorCode;

/** The exit codes of SPEC §6.1 and the error code each one answers. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int NOT_FOUND = 3;
  public static final int CONFLICT = 4;
  public static final int UNAVAILABLE = 69;

  private ExitCodes() {}

  public static int of(ErrorCode code) {
    return switch (code) {
      case INVALID -> USAGE;
      case NOT_FOUND -> NOT_FOUND;
      case INTAKE_CONFLICT, LIFECYCLE_FORBIDDEN, LEASE_FENCED, CANCELLED -> CONFLICT;
      case SCHEMA_TOO_NEW, STORE_CORRUPT, STORE_MISSING, STORE_BUSY, STORE_UNAVAILABLE, TIMEOUT ->
          UNAVAILABLE;
    };
  }
}
