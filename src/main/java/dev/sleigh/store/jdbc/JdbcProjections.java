package dev.sleigh.store.jdbc;

import dev.sleigh.store.Projections;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The projections table: due rows taken by runners, listed for operators, retried on demand. */
final class JdbcProjections implements Projections {
  private static final String DUE =
      "SELECT "
          + ProjectionRows.COLUMNS
          + ProjectionRows.FROM
          + " WHERE p.status = 'pending' AND p.projection_retry_at <= ?"
          + " ORDER BY p.projection_retry_at, p.commission_id";
  private static final String TAKE =
      """
      UPDATE projections SET projection_retry_at = ?
      WHERE commission_id = ? AND status = 'pending' AND projection_retry_at = ?""";
  private static final String LIST =
      "SELECT "
          + ProjectionRows.COLUMNS
          + ProjectionRows.FROM
          + " ORDER BY CASE WHEN p.status = 'published' THEN 1 ELSE 0 END, p.commission_id";
  private static final String RETRY =
      """
      UPDATE projections SET status = 'pending', projection_retry_at = ?, updated_at = ?
      WHERE commission_id = ? AND status <> 'published'""";

  private final Database db;
  private final Supplier<Instant> now;

  JdbcProjections(Database db, Supplier<Instant> now) {
    this.db = db;
    this.now = now;
  }

  @Override
  public List<Projection> take(int limit, Duration hold) {
    return db.transaction(
        c -> {
          // No row lock: the compare-and-set on projection_retry_at decides which runner has it.
          Instant at = now.get();
          List<Projection> due;
          try (PreparedStatement p = c.prepareStatement(DUE)) {
            p.setLong(1, at.toEpochMilli());
            due = ProjectionRows.read(p);
          }
          List<Projection> taken = new ArrayList<>();
          for (Projection d : due.subList(0, Math.min(limit, due.size()))) {
            try (PreparedStatement p = c.prepareStatement(TAKE)) {
              p.setLong(1, at.plus(hold).toEpochMilli());
              p.setString(2, d.commissionId());
              p.setLong(3, d.retryAt().toEpochMilli());
              if (p.executeUpdate() == 1) {
                taken.add(d);
              }
            }
          }
          return taken;
        });
  }

  @Override
  public List<Projection> list() {
    return db.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(LIST)) {
            return ProjectionRows.read(p);
          }
        });
  }

  @Override
  public Optional<Projection> find(String commissionId) {
    return db.transaction(c -> ProjectionRows.find(c, commissionId));
  }

  @Override
  public boolean retry(String commissionId) {
    return db.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(RETRY)) {
            long at = now.get().toEpochMilli();
            p.setLong(1, at);
            p.setLong(2, at);
            p.setString(3, commissionId);
            return p.executeUpdate() == 1;
          }
        });
  }
}
