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
 * play, so a test that freezes a runner checks that it froze it between transactions. A test that
 * means the store to be unreachable holds the lock itself ({@link #hold}).
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

  /**
   * Takes the write lock, waiting at most {@code max} for it to be free, and holds it until the
   * returned lock is closed: every runner's transaction on {@code db} waits, then fails busy, as if
   * the store could not be reached. Reads go on through the held lock ({@link Held#readLong}).
   */
  static Held hold(Path db, Duration max) throws SQLException {
    Connection c = connect(db, max);
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      return new Held(c);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** The write lock, held by a connection of the test until {@link #close()}. */
  static final class Held implements AutoCloseable {
    private final Connection connection;

    private Held(Connection connection) {
      this.connection = connection;
    }

    /** One number read inside the locked transaction, e.g. a lease's expiry. */
    long readLong(String sql, String arg) throws SQLException {
      try (var p = connection.prepareStatement(sql)) {
        p.setString(1, arg);
        try (var rs = p.executeQuery()) {
          if (!rs.next()) {
            throw new AssertionError("no row for " + sql + " with " + arg);
          }
          return rs.getLong(1);
        }
      }
    }

    /** Releases the lock: the runners' waiting transactions go through. */
    @Override
    public void close() throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.execute("ROLLBACK");
      } finally {
        connection.close();
      }
    }
  }

  private static Connection connect(Path db, Duration wait) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) wait.toMillis());
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + db);
    return source.getConnection();
  }

  private static boolean tryTake(Path db, Duration wait) throws SQLException {
    try (Connection c = connect(db, wait);
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
