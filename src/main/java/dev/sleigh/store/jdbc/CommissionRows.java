package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Secrets;
import dev.sleigh.store.CounterKey;
import dev.sleigh.store.Counters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** SQL for the commission row and its event log. Every row update is checked to hit one row. */
final class CommissionRows {
  static final String COLUMNS =
      """
      id, spec, snapshot_hash, state, generation, lease_id, lease_runner, lease_epoch,
      lease_expires_at, retry_at, reason, phase, attempt, valid_until, created_at, updated_at,
      last_seq""";
  private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM commissions WHERE id = ?";
  private static final String INSERT =
      """
      INSERT INTO commissions (id, spec, snapshot_hash, state, generation, lease_id, lease_runner,
        lease_epoch, lease_expires_at, retry_at, reason, phase, attempt, valid_until, created_at,
        updated_at, last_seq, priority, queue)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String UPDATE =
      """
      UPDATE commissions SET state = ?, generation = ?, lease_id = ?, lease_runner = ?,
        lease_epoch = ?, lease_expires_at = ?, retry_at = ?, reason = ?, phase = ?, attempt = ?,
        updated_at = ?, last_seq = ?
      WHERE id = ? AND last_seq = ? AND lease_epoch = ?""";
  private static final String INSERT_EVENT =
      """
      INSERT INTO events (commission_id, seq, generation, type, phase, attempt, epoch, at,
        command_id, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String SELECT_EVENTS =
      """
      SELECT commission_id, seq, generation, type, phase, attempt, epoch, at, command_id, data
      FROM events WHERE commission_id = ? AND seq > ? ORDER BY seq""";
  private static final String SELECT_EVENT_RANGE =
      """
      SELECT commission_id, seq, generation, type, phase, attempt, epoch, at, command_id, data
      FROM events WHERE commission_id = ? AND seq BETWEEN ? AND ? ORDER BY seq""";

  private static final String SELECT_ALL_EVENTS =
      """
      SELECT commission_id, seq, generation, type, phase, attempt, epoch, at, command_id, data
      FROM events ORDER BY commission_id, seq""";

  private CommissionRows() {}

  static Optional<CommissionRecord> find(Connection c, String id, String lockSuffix)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT_ONE + lockSuffix)) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  static CommissionRecord map(ResultSet rs) throws SQLException {
    Commission spec = Json.commission(Json.read(rs.getString("spec")));
    String leaseId = rs.getString("lease_id");
    long epoch = rs.getLong("lease_epoch");
    Lease lease =
        leaseId == null
            ? new Lease.Free(epoch)
            : new Lease.Held(
                leaseId, rs.getString("lease_runner"), epoch, instant(rs, "lease_expires_at"));
    String phase = rs.getString("phase");
    return new CommissionRecord(
        spec,
        rs.getString("snapshot_hash"),
        CommissionState.fromWire(rs.getString("state")).orElseThrow(),
        rs.getInt("generation"),
        lease,
        instant(rs, "retry_at"),
        rs.getString("reason"),
        phase == null ? null : Phase.fromWire(phase).orElseThrow(),
        rs.getInt("attempt"),
        instant(rs, "valid_until"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getLong("last_seq"));
  }

  static void insert(Connection c, CommissionRecord r) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      p.setString(1, r.id());
      p.setString(2, Json.write(r.spec().canonical()));
      p.setString(3, r.snapshotHash());
      p.setString(4, r.state().wire());
      p.setInt(5, r.generation());
      p.setNull(6, Types.VARCHAR);
      p.setNull(7, Types.VARCHAR);
      p.setLong(8, r.lease().epoch());
      p.setNull(9, Types.BIGINT);
      p.setNull(10, Types.BIGINT);
      p.setNull(11, Types.VARCHAR);
      p.setNull(12, Types.VARCHAR);
      p.setInt(13, r.attempt());
      p.setLong(14, r.validUntil().toEpochMilli());
      p.setLong(15, r.createdAt().toEpochMilli());
      p.setLong(16, r.updatedAt().toEpochMilli());
      p.setLong(17, r.lastSeq());
      p.setInt(18, r.spec().priority());
      p.setString(19, r.spec().queue());
      p.executeUpdate();
    }
    CounterRows.add(c, r.id(), Counters.moved(null, r.state()));
  }

  /** Writes {@code next} over {@code previous}; fenced by the previous sequence and epoch. */
  static void update(Connection c, CommissionRecord previous, CommissionRecord next)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(UPDATE)) {
      p.setString(1, next.state().wire());
      p.setInt(2, next.generation());
      Lease.Held held = next.lease() instanceof Lease.Held h ? h : null;
      setText(p, 3, held == null ? null : held.leaseId());
      setText(p, 4, held == null ? null : held.runnerId());
      p.setLong(5, next.lease().epoch());
      setInstant(p, 6, held == null ? null : held.expiresAt());
      setInstant(p, 7, next.retryAt());
      setText(p, 8, next.reason());
      setText(p, 9, next.phase() == null ? null : next.phase().wire());
      p.setInt(10, next.attempt());
      p.setLong(11, next.updatedAt().toEpochMilli());
      p.setLong(12, next.lastSeq());
      p.setString(13, previous.id());
      p.setLong(14, previous.lastSeq());
      p.setLong(15, previous.lease().epoch());
      int changed = p.executeUpdate();
      if (changed != 1) {
        throw new SQLException(
            "commission " + previous.id() + " changed under a fenced update (" + changed + " rows)",
            "40001");
      }
    }
    CounterRows.add(c, previous.id(), Counters.moved(previous.state(), next.state()));
  }

  /**
   * Appends {@code events} to one commission's log, which held {@code before}, and adds what they
   * count to the {@link Counters}.
   */
  static void append(Connection c, List<Event> before, List<Event> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement(INSERT_EVENT)) {
      for (Event e : events) {
        p.setString(1, e.commissionId());
        p.setLong(2, e.seq());
        p.setInt(3, e.generation());
        p.setString(4, e.type().wire());
        setText(p, 5, e.phase() == null ? null : e.phase().wire());
        p.setInt(6, e.attempt());
        p.setLong(7, e.epoch());
        p.setLong(8, e.at().toEpochMilli());
        setText(p, 9, e.commandId());
        p.setString(10, Secrets.redact(Json.write(e.data())));
        p.addBatch();
      }
      p.executeBatch();
    }
    CounterRows.add(c, events.getFirst().commissionId(), Counters.added(before, events));
  }

  /**
   * Every counter computed from the rows and the whole event log, in the caller's transaction: what
   * the migration that introduced the counters writes once ({@link #rebuildCounters}).
   */
  static Map<CounterKey, Long> recountCounters(Connection c) throws SQLException {
    Map<CounterKey, Long> out = CounterRows.states(c);
    eachLog(c, log -> Counters.addInto(out, Counters.added(List.of(), log)));
    out.values().removeIf(v -> v == 0);
    return out;
  }

  /** Replaces every counter by its {@link #recountCounters recount}. */
  static void rebuildCounters(Connection c) throws SQLException {
    CounterRows.replaceAll(c, recountCounters(c));
  }

  /**
   * Every commission's whole log, one after another, read as one stream in the caller's
   * transaction.
   */
  static void eachLog(Connection c, Consumer<List<Event>> each) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT_ALL_EVENTS)) {
      p.setFetchSize(1_000);
      try (ResultSet rs = p.executeQuery()) {
        List<Event> log = new ArrayList<>();
        while (rs.next()) {
          Event e = event(rs);
          if (!log.isEmpty() && !log.getFirst().commissionId().equals(e.commissionId())) {
            each.accept(log);
            log = new ArrayList<>();
          }
          log.add(e);
        }
        if (!log.isEmpty()) {
          each.accept(log);
        }
      }
    }
  }

  static List<Event> events(Connection c, String id, long afterSeq) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT_EVENTS)) {
      p.setString(1, id);
      p.setLong(2, afterSeq);
      return readEvents(p);
    }
  }

  static List<Event> events(Connection c, String id, long fromSeq, long toSeq) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT_EVENT_RANGE)) {
      p.setString(1, id);
      p.setLong(2, fromSeq);
      p.setLong(3, toSeq);
      return readEvents(p);
    }
  }

  private static List<Event> readEvents(PreparedStatement p) throws SQLException {
    List<Event> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(event(rs));
      }
    }
    return out;
  }

  private static Event event(ResultSet rs) throws SQLException {
    String phase = rs.getString("phase");
    return new Event(
        rs.getString("commission_id"),
        rs.getLong("seq"),
        rs.getInt("generation"),
        EventType.fromWire(rs.getString("type")).orElseThrow(),
        phase == null ? null : Phase.fromWire(phase).orElseThrow(),
        rs.getInt("attempt"),
        rs.getLong("epoch"),
        Instant.ofEpochMilli(rs.getLong("at")),
        rs.getString("command_id"),
        Json.read(rs.getString("data")));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  static void setText(PreparedStatement p, int i, String v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.VARCHAR);
    } else {
      p.setString(i, v);
    }
  }

  static void setInstant(PreparedStatement p, int i, Instant v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.BIGINT);
    } else {
      p.setLong(i, v.toEpochMilli());
    }
  }
}
