package dev.sleigh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class SqliteLiveRowsTest extends LiveRowsContract {
  @TempDir Path dir;

  @Override
  String newStoreUrl() {
    return Stores.defaultUrl(dir);
  }

  @Override
  Dialect dialect() {
    return Dialect.SQLITE;
  }

  @Override
  List<String> plan(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      return lines(p, 4, params);
    }
  }

  @Override
  void assertHoldersFirst(List<String> plan) {
    assertThat(plan.getFirst()).as("lock check: " + plan).startsWith("SEARCH holder");
  }

  /**
   * SQLite says SCAN for a read of a whole table or index, SEARCH for a bounded range: a SCAN is
   * allowed only of a partial index that holds live rows alone.
   */
  @Override
  void assertReadsLiveRowsOnly(List<String> plan) {
    for (String step : plan) {
      if (step.startsWith("SCAN")) {
        assertThat(LIVE_INDEXES.stream().anyMatch(step::contains))
            .as("a scan of finished rows: " + step + " in " + plan)
            .isTrue();
      }
    }
  }
}
