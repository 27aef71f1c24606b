package dev.sleigh.store.jdbc;

import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

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

  /**
   * The clause that makes SQLite read {@code table} through {@code index} (after the table's name
   * in FROM): its planner, without statistics, would rather sort every live row of an index by
   * state than walk the partial index already in order. PostgreSQL's planner weighs both by itself.
   */
  public String indexedBy(String index) {
    return this == SQLITE ? " INDEXED BY " + index : "";
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

  /** SQLite's answers that a file or page is damaged, or that the file is no database at all. */
  private static final Set<SQLiteErrorCode> SQLITE_CORRUPTION =
      Set.of(
          SQLiteErrorCode.SQLITE_CORRUPT,
          SQLiteErrorCode.SQLITE_CORRUPT_INDEX,
          SQLiteErrorCode.SQLITE_CORRUPT_SEQUENCE,
          SQLiteErrorCode.SQLITE_CORRUPT_VTAB,
          SQLiteErrorCode.SQLITE_IOERR_CORRUPTFS,
          SQLiteErrorCode.SQLITE_NOTADB);

  /**
   * Whether the database says its data is damaged: SQLite's {@code SQLITE_CORRUPT} family and
   * {@code SQLITE_NOTADB}, PostgreSQL's SQLSTATE class {@code XX} (internal error, data corrupted,
   * index corrupted). Trying again cannot help, and writing more may spread the damage.
   */
  public boolean corrupt(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && corruptOne(s)) {
        return true;
      }
    }
    return false;
  }

  private boolean corruptOne(SQLException s) {
    if (this == POSTGRES) {
      String state = s.getSQLState();
      return state != null && state.startsWith("XX");
    }
    if (s instanceof SQLiteException lite && SQLITE_CORRUPTION.contains(lite.getResultCode())) {
      return true;
    }
    String msg = String.valueOf(s.getMessage());
    return msg.contains("SQLITE_CORRUPT") || msg.contains("SQLITE_NOTADB");
  }

  /** Whether the failure means the database cannot be reached at all. */
  public boolean unavailable(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }
}
