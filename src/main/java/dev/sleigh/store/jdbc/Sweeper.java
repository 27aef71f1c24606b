package dev.sleigh.store.jdbc;

import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore.SweepReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what time has settled (dead leases, lapsed commissions, dependants of commissions that
 * ended without completing) and applies the matching command to each, one transaction apiece.
 * Command ids are derived from the row so that two sweepers racing apply each change once. Each
 * query reads live rows only (the partial indexes of {@code V006__live_rows.sql}).
 */
final class Sweeper {
  static final String DEAD_LEASES =
      """
      SELECT id, lease_epoch FROM commissions
      WHERE lease_id IS NOT NULL AND lease_expires_at <= ?""";
  static final String LAPSED =
      """
      SELECT id, lease_epoch FROM commissions
      WHERE state NOT IN ('completed', 'completed_with_projection_debt', 'cancelled', 'expired')
        AND valid_until <= ?""";
  // From the queued commissions to their dependencies, never from every dependency ever stored.
  static final String ORPHANED =
      """
      SELECT d.commission_id, me.generation, d.depends_on FROM commissions me
      CROSS JOIN commission_deps d
      CROSS JOIN commissions dep
      WHERE me.state = 'queued' AND d.commission_id = me.id AND dep.id = d.depends_on
        AND dep.state IN ('failed', 'blocked_stale', 'blocked_policy', 'blocked_conflict',
          'cancelled', 'expired')""";

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
            row ->
                new Command.ExpireLease(
                    row.getString(1), "sweep:expire_lease:" + row.getString(2), policy));
    List<String> expired =
        applyEach(LAPSED, now, row -> new Command.Expire(row.getString(1), "sweep:expire"));
    List<String> blocked =
        applyEach(
            ORPHANED,
            now,
            row ->
                new Command.BlockDependency(
                    row.getString(1),
                    "sweep:block:" + row.getString(2) + ":" + row.getString(3),
                    row.getString(3)));
    return new SweepReport(leases, expired, blocked);
  }

  /** The command one row of a sweep's query calls for. */
  @FunctionalInterface
  private interface RowCommand {
    Command of(ResultSet row) throws SQLException;
  }

  /** The commands of {@code sql}'s rows, read in one transaction, then each applied on its own. */
  private List<String> applyEach(String sql, Instant now, RowCommand command) {
    List<Command> found =
        db.transaction(
            c -> {
              List<Command> out = new ArrayList<>();
              try (PreparedStatement p = c.prepareStatement(sql)) {
                if (sql.indexOf('?') >= 0) {
                  p.setLong(1, now.toEpochMilli());
                }
                try (ResultSet rs = p.executeQuery()) {
                  while (rs.next()) {
                    out.add(command.of(rs));
                  }
                }
              }
              return out;
            });
    List<String> changed = new ArrayList<>();
    for (Command each : found) {
      if (log.execute(each) instanceof CommandResult.Done d && d.applied()) {
        changed.add(each.commissionId());
      }
    }
    return changed;
  }
}
