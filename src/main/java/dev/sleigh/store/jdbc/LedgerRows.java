package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Secrets;
import dev.sleigh.store.EvidenceRecord;
import dev.sleigh.store.RuntimeRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for what accompanies the event log: applied command ids, runs, evidence, locks, deps. */
final class LedgerRows {
  private static final String FIND_COMMAND =
      "SELECT first_seq, last_seq FROM commands WHERE commission_id = ? AND command_id = ?";
  private static final String INSERT_COMMAND =
      """
      INSERT INTO commands (commission_id, command_id, kind, first_seq, last_seq, at)
      VALUES (?, ?, ?, ?, ?, ?)""";
  private static final String INSERT_RUN =
      """
      INSERT INTO runs (run_id, commission_id, runner_id, epoch, generation, started_at)
      VALUES (?, ?, ?, ?, ?, ?)""";
  private static final String END_RUN =
      """
      UPDATE runs SET ended_at = ?, outcome = ?
      WHERE commission_id = ? AND ended_at IS NULL""";
  private static final String SELECT_RUNS =
      """
      SELECT run_id, commission_id, runner_id, epoch, generation, started_at, ended_at, outcome,
        agent_host, agent_pid, agent_started_at
      FROM runs WHERE commission_id = ? ORDER BY started_at, epoch""";
  private static final String INSERT_EVIDENCE =
      """
      INSERT INTO evidence (commission_id, seq, generation, phase, name, data, at)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";
  private static final String SELECT_EVIDENCE =
      """
      SELECT commission_id, seq, generation, phase, name, data, at
      FROM evidence WHERE commission_id = ? ORDER BY seq""";
  private static final String INSERT_LOCK =
      "INSERT INTO commission_locks (commission_id, lock_name) VALUES (?, ?)";
  private static final String INSERT_DEP =
      "INSERT INTO commission_deps (commission_id, depends_on) VALUES (?, ?)";

  private LedgerRows() {}

  /** The first and last sequence numbers of the events one applied command appended. */
  record Appended(long first, long last) {}

  /** What a command appended, when it was applied before. */
  static Optional<Appended> appliedCommand(Connection c, String id, String commandId)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(FIND_COMMAND)) {
      p.setString(1, id);
      p.setString(2, commandId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next()
            ? Optional.of(new Appended(rs.getLong(1), rs.getLong(2)))
            : Optional.empty();
      }
    }
  }

  static void recordCommand(
      Connection c, String id, String commandId, String kind, List<Event> events)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_COMMAND)) {
      p.setString(1, id);
      p.setString(2, commandId);
      p.setString(3, kind);
      p.setLong(4, events.getFirst().seq());
      p.setLong(5, events.getLast().seq());
      p.setLong(6, events.getFirst().at().toEpochMilli());
      p.executeUpdate();
    }
  }

  /** Keeps runs and evidence in step with the events just appended. */
  static void follow(Connection c, List<Event> events) throws SQLException {
    for (Event e : events) {
      if (e.type() == EventType.CLAIMED) {
        startRun(c, e);
      } else if (e.type().endsRun()
          || (e.type() == EventType.PHASE_FAILED && e.data().containsKey("retry_at"))) {
        endRun(c, e);
      } else if (e.type() == EventType.EVIDENCE_RECORDED) {
        evidence(c, e);
      }
    }
  }

  private static void startRun(Connection c, Event e) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_RUN)) {
      p.setString(1, e.text("lease_id"));
      p.setString(2, e.commissionId());
      p.setString(3, e.text("runner_id"));
      p.setLong(4, e.epoch());
      p.setInt(5, e.generation());
      p.setLong(6, e.at().toEpochMilli());
      p.executeUpdate();
    }
  }

  private static void endRun(Connection c, Event e) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(END_RUN)) {
      p.setLong(1, e.at().toEpochMilli());
      p.setString(2, e.type().wire() + (e.text("reason") == null ? "" : ": " + e.text("reason")));
      p.setString(3, e.commissionId());
      p.executeUpdate();
    }
  }

  private static void evidence(Connection c, Event e) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_EVIDENCE)) {
      p.setString(1, e.commissionId());
      p.setLong(2, e.seq());
      p.setInt(3, e.generation());
      CommissionRows.setText(p, 4, e.phase() == null ? null : e.phase().wire());
      p.setString(5, e.text("name"));
      p.setString(6, Secrets.redact(Json.write(e.data())));
      p.setLong(7, e.at().toEpochMilli());
      p.executeUpdate();
    }
  }

  private static final String RECORD_AGENT =
      """
      UPDATE runs SET agent_host = ?, agent_pid = ?, agent_started_at = ? WHERE run_id = ?""";

  static void recordAgent(Connection c, String runId, RuntimeRun.AgentProcessRef agent)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(RECORD_AGENT)) {
      p.setString(1, agent.host());
      p.setLong(2, agent.pid());
      CommissionRows.setInstant(p, 3, agent.startedAt());
      p.setString(4, runId);
      p.executeUpdate();
    }
  }

  static final String ENDED_WITH_AGENTS =
      """
      SELECT run_id, commission_id, runner_id, epoch, generation, started_at, ended_at, outcome,
        agent_host, agent_pid, agent_started_at
      FROM runs WHERE agent_host = ? AND agent_pid IS NOT NULL AND ended_at >= ?
      ORDER BY ended_at""";

  static List<RuntimeRun> endedWithAgents(Connection c, String host, Instant since)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(ENDED_WITH_AGENTS)) {
      p.setString(1, host);
      p.setLong(2, since.toEpochMilli());
      return readRuns(p);
    }
  }

  static List<RuntimeRun> runs(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT_RUNS)) {
      p.setString(1, id);
      return readRuns(p);
    }
  }

  private static List<RuntimeRun> readRuns(PreparedStatement p) throws SQLException {
    List<RuntimeRun> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        String host = rs.getString("agent_host");
        RuntimeRun.AgentProcessRef agent =
            host == null
                ? null
                : new RuntimeRun.AgentProcessRef(
                    host, rs.getLong("agent_pid"), CommissionRows.instant(rs, "agent_started_at"));
        out.add(
            new RuntimeRun(
                rs.getString("run_id"),
                rs.getString("commission_id"),
                rs.getString("runner_id"),
                rs.getLong("epoch"),
                rs.getInt("generation"),
                CommissionRows.instant(rs, "started_at"),
                CommissionRows.instant(rs, "ended_at"),
                rs.getString("outcome"),
                agent));
      }
    }
    return out;
  }

  static List<EvidenceRecord> evidence(Connection c, String id) throws SQLException {
    List<EvidenceRecord> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(SELECT_EVIDENCE)) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String phase = rs.getString("phase");
          out.add(
              new EvidenceRecord(
                  rs.getString("commission_id"),
                  rs.getLong("seq"),
                  rs.getInt("generation"),
                  phase == null ? null : Phase.fromWire(phase).orElseThrow(),
                  rs.getString("name"),
                  Json.read(rs.getString("data")),
                  Instant.ofEpochMilli(rs.getLong("at"))));
        }
      }
    }
    return out;
  }

  /** The static facts of a new commission: the locks it takes and what it waits for. */
  static void insertLocksAndDeps(Connection c, Commission spec) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_LOCK)) {
      for (String lock : spec.scope().locks()) {
        p.setString(1, spec.id());
        p.setString(2, lock);
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement(INSERT_DEP)) {
      for (String dep : spec.dependsOn()) {
        p.setString(1, spec.id());
        p.setString(2, dep);
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
