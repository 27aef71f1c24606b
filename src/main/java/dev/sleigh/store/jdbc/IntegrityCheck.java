package dev.sleigh.store.jdbc;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.IntegrityReport;
import dev.sleigh.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The database's own check of its pages and indexes. SQLite: {@code PRAGMA integrity_check} (or
 * {@code quick_check}), in auto-commit so runners keep writing meanwhile. PostgreSQL: {@code
 * amcheck} on every B-tree index and table of the store's schema, when the extension is installed;
 * when it is not, the report says the check did not run rather than pass it.
 */
final class IntegrityCheck {
  /** SQLite stops listing after this many problems; a damaged file can have thousands. */
  static final int MAX_PROBLEMS = 100;

  private static final String INDEXES =
      """
      SELECT format('%I.%I', n.nspname, c.relname)
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_am am ON am.oid = c.relam
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE am.amname = 'btree' AND n.nspname = current_schema()
         AND i.indisvalid AND i.indisready AND c.relpersistence <> 't'
       ORDER BY 1""";
  private static final String TABLES =
      """
      SELECT format('%I.%I', n.nspname, c.relname)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relpersistence <> 't'
       ORDER BY 1""";
  private static final String AMCHECK =
      """
      SELECT e.extversion, format('%I', n.nspname)
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
       WHERE e.extname = 'amcheck'""";
  private static final String HAS_HEAP_CHECK =
      """
      SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.proname = 'verify_heapam' AND format('%I', n.nspname) = ?""";

  private final Database db;

  IntegrityCheck(Database db) {
    this.db = db;
  }

  IntegrityReport run(boolean quick) {
    return switch (db.dialect()) {
      case SQLITE -> sqlite(quick);
      case POSTGRES -> db.outsideTransaction(c -> postgres(c, quick));
    };
  }

  private IntegrityReport sqlite(boolean quick) {
    String method = quick ? "quick_check" : "integrity_check";
    try {
      List<String> rows =
          db.outsideTransaction(
              c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement p =
                        c.prepareStatement("PRAGMA " + method + "(" + MAX_PROBLEMS + ")");
                    ResultSet rs = p.executeQuery()) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                } catch (SQLException e) {
                  // The check lists what it found, then fails on the damage itself: keep the list.
                  if (out.isEmpty() || !db.dialect().corrupt(e)) {
                    throw e;
                  }
                }
                return out;
              });
      return rows.equals(List.of("ok"))
          ? IntegrityReport.clean(method)
          : IntegrityReport.damaged(method, rows);
    } catch (StoreException e) {
      if (e.error().code() != ErrorCode.STORE_CORRUPT) {
        throw e;
      }
      // So damaged that the check itself could not read it: that is the finding.
      return IntegrityReport.damaged(method, List.of(StoreFailures.rootMessage(e)));
    }
  }

  private IntegrityReport postgres(Connection c, boolean quick) throws SQLException {
    String version = null;
    String schema = null;
    try (PreparedStatement p = c.prepareStatement(AMCHECK);
        ResultSet rs = p.executeQuery()) {
      if (rs.next()) {
        version = rs.getString(1);
        schema = rs.getString(2);
      }
    }
    if (version == null) {
      return IntegrityReport.unchecked("amcheck", notInstalled(c));
    }
    List<String> problems = new ArrayList<>();
    List<String> indexes = names(c, INDEXES);
    for (String index : indexes) {
      String sql = "SELECT " + schema + ".bt_index_check(?::regclass, ?)";
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, index);
        p.setBoolean(2, !quick);
        p.execute();
      } catch (SQLException e) {
        if (!db.dialect().corrupt(e)) {
          return refused(e);
        }
        problems.add("index " + index + ": " + e.getMessage());
      }
    }
    List<String> tables = quick || !heapCheck(c, schema) ? List.of() : names(c, TABLES);
    for (String table : tables) {
      try {
        problems.addAll(heap(c, schema, table));
      } catch (SQLException e) {
        if (!db.dialect().corrupt(e)) {
          return refused(e);
        }
        problems.add("table " + table + ": " + e.getMessage());
      }
    }
    String what =
        "amcheck "
            + version
            + ": bt_index_check on "
            + indexes.size()
            + " indexes"
            + (tables.isEmpty() ? "" : ", verify_heapam on " + tables.size() + " tables");
    return new IntegrityReport("amcheck", true, problems, what);
  }

  private static String notInstalled(Connection c) throws SQLException {
    boolean available;
    try (PreparedStatement p =
            c.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'");
        ResultSet rs = p.executeQuery()) {
      available = rs.next();
    }
    return available
        ? "amcheck is available on this server but not installed in this database, so the"
            + " database's own check did not run; 'CREATE EXTENSION amcheck' (by a superuser)"
            + " lets verify check every table and index"
        : "amcheck is not available on this server, so the database's own check did not run;"
            + " only the event log was replayed";
  }

  /** amcheck is there but this user may not run it: say so instead of passing. */
  private static IntegrityReport refused(SQLException e) {
    return IntegrityReport.unchecked(
        "amcheck",
        "amcheck is installed but could not run ("
            + e.getMessage()
            + "); a superuser can GRANT EXECUTE on its functions to this user");
  }

  private static boolean heapCheck(Connection c, String schema) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(HAS_HEAP_CHECK)) {
      p.setString(1, schema);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static List<String> heap(Connection c, String schema, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    String sql = "SELECT blkno, offnum, msg FROM " + schema + ".verify_heapam(?::regclass)";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, table);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(
              "table "
                  + table
                  + " block "
                  + rs.getLong(1)
                  + " offset "
                  + rs.getLong(2)
                  + ": "
                  + rs.getString(3));
        }
      }
    }
    return out;
  }

  private static List<String> names(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
