package dev.sleigh.store.jdbc;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs units of work in transactions. Contention is retried a bounded number of times and then
 * reported as {@code store_busy}; a lost database as {@code store_unavailable}; a damaged one as
 * {@code store_corrupt}, naming where it is. SQLite gets one connection shared under a lock (one
 * writer); PostgreSQL a pool.
 */
public final class Database implements AutoCloseable {
  static final int MAX_TRIES = 4;

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Dialect dialect;
  private final DataSource pool;
  private final Connection single;
  private final ReentrantLock writer = new ReentrantLock();
  private final AutoCloseable closer;
  private final String location;
  private final StoreWorkWatch.Connector watcher;

  private Database(
      Dialect dialect,
      DataSource pool,
      Connection single,
      AutoCloseable closer,
      String location,
      StoreWorkWatch.Connector watcher) {
    this.dialect = dialect;
    this.pool = pool;
    this.single = single;
    this.closer = closer;
    this.location = location;
    this.watcher = watcher;
  }

  /**
   * SQLite: one connection; {@code location} is its file, as messages name it; {@code watcher}
   * opens the connection of a work watch.
   */
  static Database single(
      Dialect dialect, Connection connection, String location, StoreWorkWatch.Connector watcher) {
    return new Database(dialect, null, connection, connection, location, watcher);
  }

  /** PostgreSQL: a pool; {@code location} is its URL without the password. */
  static Database pooled(Dialect dialect, DataSource pool, AutoCloseable closer, String location) {
    return new Database(dialect, pool, null, closer, location, null);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The file or URL (without password) of the store, for messages. */
  String location() {
    return location;
  }

  /**
   * A watch for work committed by this store ({@code bell}) or by other processes on the same
   * database.
   */
  StoreWorkWatch watchWork(WorkBell bell) {
    if (single != null) {
      return new StoreWorkWatch(bell, StoreWorkWatch.sqlite(watcher));
    }
    return new StoreWorkWatch(bell, StoreWorkWatch.postgres(pool));
  }

  /**
   * Tells other processes' watches that work may be waiting: PostgreSQL notifies its listeners;
   * SQLite needs nothing, since its watches see every commit to the file. Best effort: a notice
   * lost here is made up by the runners' poll.
   */
  void announceWork() {
    if (pool == null) {
      return;
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("NOTIFY " + StoreWorkWatch.CHANNEL);
    } catch (SQLException e) {
      // the poll finds the work instead
    }
  }

  public <T> T transaction(Work<T> work) {
    return tried(() -> once(work));
  }

  /**
   * Work on a connection in auto-commit mode, outside any transaction of ours: for statements that
   * refuse to run inside one ({@code VACUUM INTO}) and long reads that must not hold SQLite's write
   * lock (an integrity check). Contention is retried like a transaction's.
   */
  <T> T outsideTransaction(Work<T> work) {
    return tried(
        () -> {
          if (single != null) {
            writer.lock();
            try {
              return work.run(single);
            } finally {
              writer.unlock();
            }
          }
          try (Connection c = pool.getConnection()) {
            return work.run(c);
          }
        });
  }

  /** One try of the work, throwing what the database said. */
  @FunctionalInterface
  private interface Try<T> {
    T run() throws SQLException;
  }

  private <T> T tried(Try<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      try {
        return work.run();
      } catch (SQLException e) {
        if (!dialect.busy(e)) {
          throw translate(e);
        }
        last = e;
      }
    }
    throw new StoreException(
        StoreError.of(
            ErrorCode.STORE_BUSY,
            "the store stayed busy after " + MAX_TRIES + " tries: " + last.getMessage()),
        last);
  }

  private <T> T once(Work<T> work) throws SQLException {
    if (single != null) {
      writer.lock();
      try {
        return explicitTransaction(single, work);
      } finally {
        writer.unlock();
      }
    }
    try (Connection c = pool.getConnection()) {
      return inTransaction(c, work);
    }
  }

  private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * SQLite: the connection stays in auto-commit mode and the transaction is spelled out ({@code
   * BEGIN IMMEDIATE} … {@code COMMIT}), so a {@code BEGIN} refused as busy leaves no half-set
   * driver state behind and the bounded retry starts clean.
   */
  private static <T> T explicitTransaction(Connection c, Work<T> work) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
    try {
      T result = work.run(c);
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      try (Statement s = c.createStatement()) {
        s.execute("ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * A failure that is not contention: the database is gone, full or corrupt. Nothing was written
   * (the transaction rolled back), and the caller cannot fix it by trying again at once. Damage is
   * a code of its own, never retried: riding it through would only spend retry budgets on it.
   */
  StoreException translate(SQLException e) {
    if (dialect.corrupt(e)) {
      return new StoreException(StoreError.of(ErrorCode.STORE_CORRUPT, corruptMessage(e)), e);
    }
    String what = dialect.unavailable(e) ? "the store cannot be reached: " : "the store failed: ";
    return new StoreException(StoreError.of(ErrorCode.STORE_UNAVAILABLE, what + e.getMessage()), e);
  }

  String corruptMessage(SQLException e) {
    return corruptMessage(location, e.getMessage());
  }

  /** What an operator is told about a damaged store, and what to do about it. */
  static String corruptMessage(String location, String what) {
    return "the store "
        + location
        + " is corrupt ("
        + what
        + "); stop every runner, run 'sleigh verify' to see the damage, and restore the latest"
        + " backup (see 'sleigh backup')";
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close the store", e);
    }
  }
}
