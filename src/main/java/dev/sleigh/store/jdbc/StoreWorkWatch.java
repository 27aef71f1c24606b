package dev.sleigh.store.jdbc;

import dev.sleigh.store.WorkWatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WorkWatch} over the store's database: the in-process {@link WorkBell}, plus what other
 * processes commit. SQLite: {@code PRAGMA data_version} on a connection of its own, which changes
 * whenever another connection commits to the file, looked at every {@link #SLICE}. PostgreSQL:
 * {@code LISTEN} on {@link #CHANNEL}, which commits that leave work claimable notify. A watch that
 * loses its connection says nothing until it has one again: the runner's poll goes on meanwhile.
 */
final class StoreWorkWatch implements WorkWatch {
  static final String CHANNEL = "sleigh_work";
  private static final Logger LOG = LoggerFactory.getLogger(StoreWorkWatch.class);

  /** How often another process's commits are looked for; the bell is heard at once. */
  static final Duration SLICE = Duration.ofMillis(10);

  /** Another process's commits, as one dialect sees them. */
  interface Outside extends AutoCloseable {
    /** Whether something was committed since the last look; may wait up to {@code max}. */
    boolean changed(Duration max) throws SQLException;

    /** Whether {@link #changed} itself waits for news, so the watch need not wait besides. */
    boolean waits();

    @Override
    void close();
  }

  private final WorkBell bell;
  private final Outside outside;
  private long heard;
  private boolean broken;

  StoreWorkWatch(WorkBell bell, Outside outside) {
    this.bell = bell;
    this.outside = outside;
    this.heard = bell.rings();
  }

  @Override
  public boolean await(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long rings = bell.rings();
      if (rings != heard) {
        heard = rings;
        return true;
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Duration slice = Duration.ofNanos(Math.min(left, SLICE.toNanos()));
      if (lookOutside(slice)) {
        return true;
      }
      if (!outside.waits()) {
        bell.awaitAfter(heard, slice);
      }
    }
  }

  /** Whether another process committed; a failing connection is quiet, said once. */
  private boolean lookOutside(Duration slice) {
    try {
      boolean changed = outside.changed(slice);
      if (broken) {
        LOG.info("Watching the store for new work again");
        broken = false;
      }
      return changed;
    } catch (SQLException | RuntimeException e) {
      if (!broken) {
        LOG.info(
            "Cannot watch the store for new work ({}); claims wait for the poll meanwhile",
            e.getMessage());
        broken = true;
      }
      return false;
    }
  }

  @Override
  public void close() {
    outside.close();
  }

  /** Opens the watch's own connection. */
  @FunctionalInterface
  interface Connector {
    Connection open() throws SQLException;
  }

  /** SQLite: {@code PRAGMA data_version} of a connection of the watch's own. */
  static Outside sqlite(Connector connect) {
    return new Outside() {
      private Connection c;
      private long version = -1;

      @Override
      public boolean changed(Duration max) throws SQLException {
        if (c == null) {
          c = connect.open();
          version = read();
          return false;
        }
        long now = read();
        boolean changed = now != version;
        version = now;
        return changed;
      }

      @Override
      public boolean waits() {
        return false;
      }

      private long read() throws SQLException {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("PRAGMA data_version")) {
          rs.next();
          return rs.getLong(1);
        } catch (SQLException e) {
          close();
          throw e;
        }
      }

      @Override
      public void close() {
        if (c != null) {
          try {
            c.close();
          } catch (SQLException e) {
            // closing a connection that failed
          }
          c = null;
        }
      }
    };
  }

  /** PostgreSQL: {@code LISTEN} on a connection of the pool held by the watch. */
  static Outside postgres(DataSource pool) {
    return new Outside() {
      private Connection c;

      @Override
      public boolean waits() {
        return c != null;
      }

      @Override
      public boolean changed(Duration max) throws SQLException {
        if (c == null) {
          Connection fresh = pool.getConnection();
          try (Statement s = fresh.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
          } catch (SQLException e) {
            fresh.close();
            throw e;
          }
          c = fresh;
          // What was committed before the LISTEN is not heard: look once, as if told.
          return true;
        }
        try {
          var told =
              c.unwrap(PGConnection.class).getNotifications((int) Math.max(1, max.toMillis()));
          return told != null && told.length > 0;
        } catch (SQLException e) {
          close();
          throw e;
        }
      }

      @Override
      public void close() {
        if (c != null) {
          try {
            c.close();
          } catch (SQLException e) {
            // closing a connection that failed
          }
          c = null;
        }
      }
    };
  }
}
