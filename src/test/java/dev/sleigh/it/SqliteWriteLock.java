package dev.sleigh.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite's one write lock, seen from outside the runners. A process frozen while it holds the lock
 * freezes every other process on the same file: that is SQLite, not a scenario a test means to
 * play, so a test that freezes a runner checks that it froze it between transactions.
 */
final class SqliteWriteLock {
  private SqliteWriteLock() {}

  /** True when nobody holds the write lock of {@code db} at this instant. */
  static boolean isFree(Path db) throws SQLException {
    return tryTake(db, Duration.ZERO);
  }

  /**
   * Waits, SQLite's busy handler doing the waiting, until the lock can be taken; false after {@code
   * max}.
   */
  static boolean awaitFree(Path db, Duration max) throws SQLException {
    return tryTake(db, max);
  }

  private static boolean tryTake(Path db, Duration wait) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) wait.toMillis());
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + db);
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      try {
        s.execute("BEGIN IMMEDIATE");
      } catch (SQLException e) {
        if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
          return false;
        }
        throw e;
      }
      s.execute("ROLLBACK");
      return true;
    }
  }
}
