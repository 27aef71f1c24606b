package dev.sleigh.store.jdbc;

import dev.sleigh.store.CounterKey;
import dev.sleigh.store.Counters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQL for the {@link Counters}: added to in the transaction that appends the events or moves the
 * row they count, read with one query. Each counter is kept in {@link #SHARDS} rows, chosen by
 * commission, so that PostgreSQL transactions of different commissions seldom wait for each other
 * on one hot row; a reader sums them.
 */
final class CounterRows {
  static final int SHARDS = 16;
  private static final String ADD =
      """
      INSERT INTO counters (name, label, shard, value) VALUES (?, ?, ?, ?)
      ON CONFLICT (name, label, shard) DO UPDATE SET value = counters.value + excluded.value""";
  private static final String READ =
      "SELECT name, label, SUM(value) FROM counters GROUP BY name, label";
  private static final String STATES = "SELECT state, COUNT(*) FROM commissions GROUP BY state";
  private static final String RECOUNT_INSERT =
      "INSERT INTO counters (name, label, shard, value) VALUES (?, ?, 0, ?)";

  private CounterRows() {}

  /** Adds {@code deltas} (sorted, so transactions take the rows in one order). */
  static void add(Connection c, String commissionId, Map<CounterKey, Long> deltas)
      throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    int shard = Math.floorMod(commissionId.hashCode(), SHARDS);
    try (PreparedStatement p = c.prepareStatement(ADD)) {
      for (Map.Entry<CounterKey, Long> e : new TreeMap<>(deltas).entrySet()) {
        p.setString(1, e.getKey().name());
        p.setString(2, e.getKey().label());
        p.setInt(3, shard);
        p.setLong(4, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Every counter's value, zeros left out. */
  static Map<CounterKey, Long> read(Connection c) throws SQLException {
    Map<CounterKey, Long> out = new TreeMap<>();
    try (PreparedStatement p = c.prepareStatement(READ);
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        if (rs.getLong(3) != 0) {
          out.put(new CounterKey(rs.getString(1), rs.getString(2)), rs.getLong(3));
        }
      }
    }
    return out;
  }

  /** The state counts, counted from the rows. */
  static Map<CounterKey, Long> states(Connection c) throws SQLException {
    Map<CounterKey, Long> out = new TreeMap<>();
    try (PreparedStatement p = c.prepareStatement(STATES);
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.put(new CounterKey(Counters.COMMISSIONS, rs.getString(1)), rs.getLong(2));
      }
    }
    return out;
  }

  /** Replaces every counter by {@code counted} (in one shard each). */
  static void replaceAll(Connection c, Map<CounterKey, Long> counted) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM counters");
    }
    try (PreparedStatement p = c.prepareStatement(RECOUNT_INSERT)) {
      for (Map.Entry<CounterKey, Long> e : counted.entrySet()) {
        p.setString(1, e.getKey().name());
        p.setString(2, e.getKey().label());
        p.setLong(3, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
