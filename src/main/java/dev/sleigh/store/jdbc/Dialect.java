package dev.sleigh.store.jdbc;

import java.sql.SQLException;

/** Everything that differs between SQLite and PostgreSQL, in one place. */
public enum Dialect {
  SQLITE("sqlite", "", "", null),
  POSTGRES(
      "postgres",
      " FOR UPDATE",
      " FOR UPDATE SKIP LOCKED",
      "SELECT pg_advisory_xact_lock(7355608)");

  private final String folder;
  private final String forUpdate;
  private final String forUpdateSkipLocked;
  private final String claimLock;

  Dialect(String folder, String forUpdate, String forUpdateSkipLocked, String claimLock) {
    this.folder = folder;
    this.forUpdate = forUpdate;
    this.forUpdateSkipLocked = forUpdateSkipLocked;
    this.claimLock = claimLock;
  }

  /** Folder of the migration files under {@code dev/sleigh/db/}. */
  public String folder() {
    return folder;
  }

  /** Suffix that locks the selected row until commit (SQLite's writer lock already does). */
  public String forUpdate() {
    return forUpdate;
  }

  /** Suffix for claim candidates: skip rows another transaction is changing. */
  public String forUpdateSkipLocked() {
    return forUpdateSkipLocked;
  }

  /**
   * Statement serialising claims, so that two commissions sharing a lock cannot be claimed at once
   * by two runners; null where the single writer already serialises them.
   */
  public String claimLock() {
    return claimLock;
  }

  /** Whether the failure is contention that a bounded retry may get past. */
  public boolean busy(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (this == POSTGRES
            && ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state))) {
          return true;
        }
        String msg = String.valueOf(s.getMessage());
        if (this == SQLITE && (msg.contains("SQLITE_BUSY") || msg.contains("SQLITE_LOCKED"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the failure means the database cannot be reached at all. */
  public boolean unavailable(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }
}
