package dev.sleigh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.PostgresFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables of a test are a few rows, which PostgreSQL would rather read whole: with sequential
 * scans priced out, a plan still reads a table whole only when no index can serve the query.
 */
class PostgresLiveRowsTest extends LiveRowsContract {
  @Override
  String newStoreUrl() {
    return PostgresFixture.newDatabaseUrl();
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Override
  List<String> plan(Connection c, String sql, Object... params) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE");
      s.execute("SET enable_seqscan = off");
    }
    try (PreparedStatement p = c.prepareStatement("EXPLAIN " + sql)) {
      return lines(p, 1, params);
    }
  }

  /**
   * On tables of a few rows the planner may take any partial index whose WHERE the query implies
   * (the unended commissions hold the claimable ones): each holds live rows only.
   */
  @Override
  Set<String> acceptable(String index) {
    Set<String> any = new HashSet<>(LIVE_INDEXES);
    any.add(index);
    return any;
  }

  /**
   * The join order is the planner's, from the statistics of the real tables: on a few rows it may
   * start from the lock's users. Only a whole-table read is refused here.
   */
  @Override
  void assertHoldersFirst(List<String> plan) {
    assertReadsLiveRowsOnly(plan);
  }

  @Override
  void assertReadsLiveRowsOnly(List<String> plan) {
    assertThat(String.join("\n", plan)).as(plan.toString()).doesNotContain("Seq Scan");
  }
}
