package dev.sleigh.lifecycle;

import java.util.Locale;

/** Why the store refused a command; only the infrastructure codes may be retried. */
public enum ErrorCode {
  INVALID(false),
  NOT_FOUND(false),
  INTAKE_CONFLICT(false),
  LIFECYCLE_FORBIDDEN(false),
  LEASE_FENCED(false),
  CANCELLED(false),
  SCHEMA_TOO_NEW(false),
  /** The database answered that its file or pages are damaged: nothing may be written to it. */
  STORE_CORRUPT(false),
  /** No store where one was named: read-only commands never create one. */
  STORE_MISSING(false),
  STORE_BUSY(true),
  STORE_UNAVAILABLE(true),
  TIMEOUT(true);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
