package dev.sleigh.store.jdbc;

import dev.sleigh.store.Runners;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The runner registry: each runner process registers, heartbeats and signs off. */
final class JdbcRunners implements Runners {
  private static final String DELETE = "DELETE FROM runners WHERE runner_id = ?";
  private static final String INSERT =
      """
      INSERT INTO runners (runner_id, host, pid, started_at, heartbeat_at, stopped_at)
      VALUES (?, ?, ?, ?, ?, NULL)""";
  private static final String HEARTBEAT = "UPDATE runners SET heartbeat_at = ? WHERE runner_id = ?";
  private static final String STOPPED =
      "UPDATE runners SET stopped_at = ?, heartbeat_at = ? WHERE runner_id = ?";
  private static final String LIST =
      """
      SELECT runner_id, host, pid, started_at, heartbeat_at, stopped_at FROM runners
      ORDER BY runner_id""";

  private final Database db;
  private final Supplier<Instant> now;

  JdbcRunners(Database db, Supplier<Instant> now) {
    this.db = db;
    this.now = now;
  }

  @Override
  public void register(RunnerInfo runner) {
    db.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(DELETE)) {
            p.setString(1, runner.runnerId());
            p.executeUpdate();
          }
          try (PreparedStatement p = c.prepareStatement(INSERT)) {
            long at = now.get().toEpochMilli();
            p.setString(1, runner.runnerId());
            p.setString(2, runner.host());
            p.setLong(3, runner.pid());
            p.setLong(4, at);
            p.setLong(5, at);
            return p.executeUpdate();
          }
        });
  }

  @Override
  public void heartbeat(String runnerId) {
    db.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(HEARTBEAT)) {
            p.setLong(1, now.get().toEpochMilli());
            p.setString(2, runnerId);
            return p.executeUpdate();
          }
        });
  }

  @Override
  public void stopped(String runnerId) {
    db.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(STOPPED)) {
            long at = now.get().toEpochMilli();
            p.setLong(1, at);
            p.setLong(2, at);
            p.setString(3, runnerId);
            return p.executeUpdate();
          }
        });
  }

  @Override
  public List<RunnerInfo> list() {
    return db.transaction(
        c -> {
          List<RunnerInfo> out = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(LIST);
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new RunnerInfo(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getLong(3),
                      CommissionRows.instant(rs, "started_at"),
                      CommissionRows.instant(rs, "heartbeat_at"),
                      CommissionRows.instant(rs, "stopped_at")));
            }
          }
          return out;
        });
  }
}
