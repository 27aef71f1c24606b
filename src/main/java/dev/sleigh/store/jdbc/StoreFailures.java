package dev.sleigh.store.jdbc;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.StoreException;
import java.sql.SQLException;

/**
 * What opening, reading and copying a store says when it cannot: one place for the messages, so
 * that the classes which open, check and back up a store need not reach back into {@link Stores}.
 */
final class StoreFailures {
  private StoreFailures() {}

  /** What a read-only command says where no store is. */
  static String missing(String location) {
    return "no store at "
        + location
        + "; check --home, --store, $SLEIGH_HOME and $SLEIGH_STORE (init, decision add, commission"
        + " create and run create a store, other commands never do)";
  }

  static StoreException unavailable(String message, Exception cause) {
    return new StoreException(StoreError.of(ErrorCode.STORE_UNAVAILABLE, message), cause);
  }

  static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** The URL without a password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** Whether a connection could be opened; a damaged file is told apart from an unreachable one. */
  static StoreException openFailure(Dialect dialect, String location, SQLException e) {
    if (dialect.corrupt(e)) {
      return new StoreException(
          StoreError.of(ErrorCode.STORE_CORRUPT, Database.corruptMessage(location, e.getMessage())),
          e);
    }
    return unavailable("cannot open the store " + location + ": " + e.getMessage(), e);
  }
}
