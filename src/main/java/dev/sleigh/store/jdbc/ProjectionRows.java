package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.store.Projections.Projection;
import dev.sleigh.store.Projections.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the {@code projections} table in step with the events just appended: a completion whose
 * policy publishes opens a row, due at once; a failed publication counts an attempt and sets the
 * next try (none when final); a publication closes it.
 */
final class ProjectionRows {
  static final String COLUMNS =
      """
      p.commission_id, c.state, p.policy, p.status, p.published, p.attempts,
      p.projection_retry_at, p.last_error, p.updated_at""";
  static final String FROM = " FROM projections p JOIN commissions c ON c.id = p.commission_id";
  private static final String DELETE = "DELETE FROM projections WHERE commission_id = ?";
  private static final String INSERT =
      """
      INSERT INTO projections (commission_id, policy, status, published, attempts,
        projection_retry_at, last_error, created_at, updated_at)
      VALUES (?, ?, 'pending', '[]', 0, ?, NULL, ?, ?)""";
  private static final String FAILED =
      """
      UPDATE projections SET attempts = attempts + 1, status = ?, projection_retry_at = ?,
        last_error = ?, published = ?, updated_at = ?
      WHERE commission_id = ?""";
  private static final String PUBLISHED =
      """
      UPDATE projections SET status = 'published', projection_retry_at = NULL, last_error = NULL,
        published = ?, updated_at = ?
      WHERE commission_id = ?""";
  private static final String SELECT_ONE =
      "SELECT " + COLUMNS + FROM + " WHERE p.commission_id = ?";

  private ProjectionRows() {}

  static void follow(Connection c, Commission spec, List<Event> events) throws SQLException {
    for (Event e : events) {
      switch (e.type()) {
        case COMPLETED -> {
          if (spec.projectionPolicy() != Commission.ProjectionPolicy.LOCAL_ONLY) {
            open(c, spec, e);
          }
        }
        case PROJECTION_FAILED -> failed(c, e);
        case PROJECTION_PUBLISHED -> published(c, e);
        default -> {}
      }
    }
  }

  private static void open(Connection c, Commission spec, Event e) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(DELETE)) {
      p.setString(1, e.commissionId());
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      long at = e.at().toEpochMilli();
      p.setString(1, e.commissionId());
      p.setString(2, spec.projectionPolicy().wire());
      p.setLong(3, at);
      p.setLong(4, at);
      p.setLong(5, at);
      p.executeUpdate();
    }
  }

  @SuppressWarnings("unchecked")
  private static void failed(Connection c, Event e) throws SQLException {
    boolean fin = Boolean.TRUE.equals(e.data().get("final"));
    Set<String> published = new LinkedHashSet<>(current(c, e.commissionId()));
    published.addAll((List<String>) e.data().getOrDefault("published", List.of()));
    StringBuilder error = new StringBuilder();
    for (Map<String, Object> f :
        (List<Map<String, Object>>) e.data().getOrDefault("failures", List.of())) {
      error.append(error.isEmpty() ? "" : "; ").append(f.get("target")).append(": ");
      error.append(f.get("reason"));
    }
    try (PreparedStatement p = c.prepareStatement(FAILED)) {
      p.setString(1, fin ? Status.FINAL.wire() : Status.PENDING.wire());
      CommissionRows.setInstant(p, 2, fin ? null : e.instant("retry_at"));
      p.setString(3, error.toString());
      p.setString(4, Json.write(List.copyOf(published)));
      p.setLong(5, e.at().toEpochMilli());
      p.setString(6, e.commissionId());
      p.executeUpdate();
    }
  }

  @SuppressWarnings("unchecked")
  private static void published(Connection c, Event e) throws SQLException {
    Set<String> published = new LinkedHashSet<>(current(c, e.commissionId()));
    published.addAll((List<String>) e.data().getOrDefault("targets", List.of()));
    try (PreparedStatement p = c.prepareStatement(PUBLISHED)) {
      p.setString(1, Json.write(List.copyOf(published)));
      p.setLong(2, e.at().toEpochMilli());
      p.setString(3, e.commissionId());
      p.executeUpdate();
    }
  }

  private static List<String> current(Connection c, String id) throws SQLException {
    return find(c, id).map(Projection::published).orElse(List.of());
  }

  static Optional<Projection> find(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT_ONE)) {
      p.setString(1, id);
      return read(p).stream().findFirst();
    }
  }

  static List<Projection> read(PreparedStatement p) throws SQLException {
    List<Projection> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Projection map(ResultSet rs) throws SQLException {
    Map<String, Object> published = Json.read("{\"t\":" + rs.getString("published") + "}");
    Instant retryAt = CommissionRows.instant(rs, "projection_retry_at");
    return new Projection(
        rs.getString("commission_id"),
        CommissionState.fromWire(rs.getString("state")).orElseThrow(),
        rs.getString("policy"),
        Status.fromWire(rs.getString("status")),
        (List<String>) published.get("t"),
        rs.getInt("attempts"),
        retryAt,
        rs.getString("last_error"),
        CommissionRows.instant(rs, "updated_at"));
  }
}
