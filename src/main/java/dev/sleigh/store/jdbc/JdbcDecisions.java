package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Decision;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.Decisions;
import dev.sleigh.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Decisions and their hash-chained revisions. */
final class JdbcDecisions implements Decisions {
  private static final String INSERT =
      """
      INSERT INTO decisions (id, title, status, superseded_by, created_at, updated_at)
      VALUES (?, ?, 'active', NULL, ?, ?)""";
  private static final String INSERT_REVISION =
      """
      INSERT INTO decision_revisions (decision_id, number, hash, title, body, created_at)
      VALUES (?, ?, ?, ?, ?, ?)""";
  private static final String SELECT =
      """
      SELECT id, title, status, superseded_by, created_at, updated_at FROM decisions WHERE id = ?""";
  private static final String SELECT_IDS = "SELECT id FROM decisions ORDER BY id";
  private static final String SELECT_REVISIONS =
      """
      SELECT number, hash, body, created_at FROM decision_revisions
      WHERE decision_id = ? ORDER BY number""";
  private static final String UPDATE_TITLE =
      "UPDATE decisions SET title = ?, updated_at = ? WHERE id = ?";
  private static final String SUPERSEDE =
      """
      UPDATE decisions SET status = 'superseded', superseded_by = ?, updated_at = ?
      WHERE id = ? AND status = 'active'""";

  private final Database db;
  private final Supplier<Instant> now;

  JdbcDecisions(Database db, Supplier<Instant> now) {
    this.db = db;
    this.now = now;
  }

  @Override
  public Decision add(String id, String title, String body) {
    Decision draft =
        new Decision(
            id,
            title,
            Decision.Status.ACTIVE,
            null,
            List.of(new Decision.Revision(1, "-", body, now.get())),
            now.get(),
            now.get());
    return db.transaction(
        c -> {
          if (load(c, id).isPresent()) {
            throw refusal(
                ErrorCode.INTAKE_CONFLICT,
                "decision '" + id + "' already exists; use 'decision revise'");
          }
          long at = now.get().toEpochMilli();
          try (PreparedStatement p = c.prepareStatement(INSERT)) {
            p.setString(1, id);
            p.setString(2, draft.title());
            p.setLong(3, at);
            p.setLong(4, at);
            p.executeUpdate();
          }
          insertRevision(c, id, 1, draft.title(), body, null, at);
          return load(c, id).orElseThrow();
        });
  }

  @Override
  public Decision revise(String id, String title, String body) {
    return db.transaction(
        c -> {
          Decision d = require(c, id);
          if (d.status() != Decision.Status.ACTIVE) {
            throw refusal(
                ErrorCode.LIFECYCLE_FORBIDDEN,
                "decision '" + id + "' is " + d.status().wire() + " and cannot be revised");
          }
          String newTitle = title == null || title.isBlank() ? d.title() : title;
          String newBody = body == null ? d.current().body() : body;
          long at = now.get().toEpochMilli();
          insertRevision(c, id, d.current().number() + 1, newTitle, newBody, d.revision(), at);
          try (PreparedStatement p = c.prepareStatement(UPDATE_TITLE)) {
            p.setString(1, newTitle);
            p.setLong(2, at);
            p.setString(3, id);
            p.executeUpdate();
          }
          return load(c, id).orElseThrow();
        });
  }

  @Override
  public Decision supersede(String id, String by) {
    return db.transaction(
        c -> {
          require(c, id);
          Decision successor = require(c, by);
          if (id.equals(by)) {
            throw refusal(ErrorCode.INVALID, "a decision cannot supersede itself");
          }
          if (successor.status() != Decision.Status.ACTIVE) {
            throw refusal(ErrorCode.LIFECYCLE_FORBIDDEN, "decision '" + by + "' is not active");
          }
          try (PreparedStatement p = c.prepareStatement(SUPERSEDE)) {
            p.setString(1, by);
            p.setLong(2, now.get().toEpochMilli());
            p.setString(3, id);
            if (p.executeUpdate() != 1) {
              throw refusal(ErrorCode.LIFECYCLE_FORBIDDEN, "decision '" + id + "' is not active");
            }
          }
          return load(c, id).orElseThrow();
        });
  }

  @Override
  public Optional<Decision> find(String id) {
    return db.transaction(c -> load(c, id));
  }

  @Override
  public List<Decision> list() {
    return db.transaction(
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(SELECT_IDS);
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
          List<Decision> out = new ArrayList<>();
          for (String id : ids) {
            out.add(load(c, id).orElseThrow());
          }
          return out;
        });
  }

  private static void insertRevision(
      Connection c, String id, int number, String title, String body, String parent, long at)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_REVISION)) {
      p.setString(1, id);
      p.setInt(2, number);
      p.setString(3, Decision.Revision.hash(id, number, title, body, parent));
      p.setString(4, title);
      p.setString(5, body == null ? "" : body);
      p.setLong(6, at);
      p.executeUpdate();
    }
  }

  private static Decision require(Connection c, String id) throws SQLException {
    return load(c, id).orElseThrow(() -> refusal(ErrorCode.NOT_FOUND, "no decision '" + id + "'"));
  }

  private static Optional<Decision> load(Connection c, String id) throws SQLException {
    List<Decision.Revision> revisions = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(SELECT_REVISIONS)) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          revisions.add(
              new Decision.Revision(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement(SELECT)) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Decision(
                rs.getString(1),
                rs.getString(2),
                Decision.Status.fromWire(rs.getString(3)),
                rs.getString(4),
                revisions,
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
  }

  private static StoreException refusal(ErrorCode code, String message) {
    return new StoreException(StoreError.of(code, message));
  }
}
