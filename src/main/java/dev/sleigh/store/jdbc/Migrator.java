package dev.sleigh.store.jdbc;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Applies the numbered schema files in order, once each, recording them in {@code schema_version}.
 * Applied files are never edited; a change is a new file added to {@link #MIGRATIONS}. A store
 * whose schema is newer than this binary knows is refused. A migration may have a step in Java
 * after its file, run in the same transaction: {@link #COUNTERS} computes the counters once.
 */
final class Migrator {
  /** The migration that made the counters table, whose Java step fills it from the logs once. */
  static final String COUNTERS = "V006__live_rows.sql";

  static final List<String> MIGRATIONS =
      List.of(
          "V001__initial.sql",
          "V002__agent_processes.sql",
          "V003__checkpoints.sql",
          "V004__plans_and_queues.sql",
          "V005__projections.sql",
          COUNTERS);

  private static final String CREATE_VERSION_TABLE =
      """
      CREATE TABLE IF NOT EXISTS schema_version (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )""";
  private static final String CURRENT_VERSION =
      "SELECT COALESCE(MAX(version), 0) FROM schema_version";
  private static final String RECORD_VERSION =
      "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)";

  private Migrator() {}

  static int migrate(Database db, String location, long nowMillis) {
    return db.transaction(
        c -> {
          if (db.dialect().claimLock() != null) {
            try (Statement s = c.createStatement()) {
              s.execute(db.dialect().claimLock());
            }
          }
          try (Statement s = c.createStatement()) {
            s.execute(CREATE_VERSION_TABLE);
          }
          int current = current(c);
          if (current > MIGRATIONS.size()) {
            throw new StoreException(
                StoreError.of(
                    ErrorCode.SCHEMA_TOO_NEW,
                    "the store at "
                        + location
                        + " has schema version "
                        + current
                        + " but this sleigh knows versions up to "
                        + MIGRATIONS.size()
                        + "; it was written by a newer sleigh — upgrade sleigh to use it"));
          }
          for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
            apply(c, db.dialect(), v, MIGRATIONS.get(v - 1), nowMillis);
          }
          return MIGRATIONS.size();
        });
  }

  static int current(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(CURRENT_VERSION)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void apply(Connection c, Dialect d, int version, String name, long now)
      throws SQLException {
    String script = read("/dev/sleigh/db/" + d.folder() + "/" + name);
    try (Statement s = c.createStatement()) {
      if (d == Dialect.POSTGRES) {
        s.execute(script);
      } else {
        for (String statement : script.split(";\\s*\\n")) {
          if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
            s.execute(statement.endsWith("END") ? statement + ";" : statement);
          }
        }
      }
    }
    if (name.equals(COUNTERS)) {
      CommissionRows.rebuildCounters(c);
    }
    try (PreparedStatement p = c.prepareStatement(RECORD_VERSION)) {
      p.setInt(1, version);
      p.setString(2, name);
      p.setLong(3, now);
      p.executeUpdate();
    }
  }

  private static String read(String resource) {
    try (InputStream in = Migrator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration " + resource + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + resource, e);
    }
  }
}
