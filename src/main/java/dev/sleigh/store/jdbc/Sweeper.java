package dev.sleigh.store.jdbc;

import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore.SweepReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what time has settled (dead leases, lapsed commissions, dependants of commissions that
 * ended without completing) and applies the matching command to each, one transaction apiece.
 * Command ids are derived from the row so that two sweepers racing apply each change once.
 */
final class Sweeper {
  private static final String DEAD_LEASES =
      """
      SELECT id, lease_epoch FROM commissions
      WHERE lease_id IS NOT NULL AND lease_expires_at <= ?""";
  private static final String LAPSED =
      """
      SELECT id, lease_epoch FROM commissions
      WHERE state NOT IN ('completed', 'completed_with_projection_debt', 'cancelled', 'expired')
        AND valid_until <= ?""";
  private static final String ORPHANED =
      """
      SELECT d.commission_id, me.generation, d.depends_on FROM commission_deps d
      JOIN commissions me ON me.id = d.commission_id
      JOIN commissions dep ON dep.id = d.depends_on
      WHERE me.state = 'queued' AND dep.state IN ('failed', 'blocked_stale', 'blocked_policy',
        'blocked_conflict', 'cancelled', 'expired')""";

  private final CommandLog log;
  private final Database db;

  Sweeper(CommandLog log, Database db) {
    this.log = log;
    this.db = db;
  }

  SweepReport sweep(RetryPolicy policy, Instant now) {
    List<String> leases =
        applyEach(
            DEAD_LEASES,
            now,
            row -> new Command.ExpireLease(row[0], "sweep:expire_lease:" + row[1], policy));
    List<String> expired =
        applyEach(LAPSED, now, row -> new Command.Expire(row[0], "sweep:expire"));
    List<String> blocked =
        applyEach(
            ORPHANED,
            now,
            row ->
                new Command.BlockDependency(
                    row[0], "sweep:block:" + row[1] + ":" + row[2], row[2]));
    return new SweepReport(leases, expired, blocked);
  }

  private List<String> applyEach(
      String sql, Instant now, java.util.function.Function<String[], Command> command) {
    List<String[]> rows =
        db.transaction(
            c -> {
              List<String[]> out = new ArrayList<>();
              try (PreparedStatement p = c.prepareStatement(sql)) {
                if (sql.indexOf('?') >= 0) {
                  p.setLong(1, now.toEpochMilli());
                }
                try (ResultSet rs = p.executeQuery()) {
                  int columns = rs.getMetaData().getColumnCount();
                  while (rs.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                      row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                  }
                }
              }
              return out;
            });
    List<String> changed = new ArrayList<>();
    for (String[] row : rows) {
      if (log.execute(command.apply(row)) instanceof CommandResult.Done d && d.applied()) {
        changed.add(row[0]);
      }
    }
    return changed;
  }
}
