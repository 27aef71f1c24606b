package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Lease;
import dev.sleigh.store.CommissionStore.VerifyProblem;
import dev.sleigh.store.CounterKey;
import dev.sleigh.store.Counters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Re-derives each commission's row from its event log, and the counters from every log and row, and
 * reports every disagreement.
 */
final class Verifier {
  private static final String IDS = "SELECT id FROM commissions ORDER BY id";
  private static final String LAST_SEQS = "SELECT id, last_seq FROM commissions";

  /** What a problem of the counters names in place of a commission. */
  static final String COUNTERS = "counters";

  private final Database db;

  Verifier(Database db) {
    this.db = db;
  }

  List<VerifyProblem> verify() {
    List<String> ids =
        db.transaction(
            c -> {
              List<String> out = new ArrayList<>();
              try (PreparedStatement p = c.prepareStatement(IDS);
                  ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                  out.add(rs.getString(1));
                }
              }
              return out;
            });
    List<VerifyProblem> problems = new ArrayList<>();
    Map<CounterKey, Long> counted = new TreeMap<>();
    Map<String, Long> foldedTo = new HashMap<>();
    for (String id : ids) {
      db.transaction(
          c -> {
            CommissionRecord row = CommissionRows.find(c, id, "").orElseThrow();
            List<Event> events = CommissionRows.events(c, id, 0);
            check(row, events, problems);
            Counters.addInto(counted, Counters.added(List.of(), events));
            foldedTo.put(id, events.isEmpty() ? 0L : events.getLast().seq());
            return null;
          });
    }
    problems.addAll(db.transaction(c -> checkCounters(c, counted, foldedTo)));
    return problems;
  }

  /**
   * Compares the stored counters with those counted from the logs. Runners may have appended since
   * each log was read, so in this one transaction (a snapshot: SQLite's writer lock, PostgreSQL's
   * repeatable read) the logs that grew are read again and their new events counted, and the state
   * counts are counted from the rows.
   */
  private List<VerifyProblem> checkCounters(
      Connection c, Map<CounterKey, Long> counted, Map<String, Long> foldedTo) throws SQLException {
    if (db.dialect() == Dialect.POSTGRES) {
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      }
    }
    Map<CounterKey, Long> stored = CounterRows.read(c);
    Map<CounterKey, Long> expected = new TreeMap<>(counted);
    expected.keySet().removeIf(k -> k.name().equals(Counters.COMMISSIONS));
    try (PreparedStatement p = c.prepareStatement(LAST_SEQS);
        ResultSet rs = p.executeQuery()) {
      List<String> grew = new ArrayList<>();
      while (rs.next()) {
        if (rs.getLong(2) != foldedTo.getOrDefault(rs.getString(1), 0L)) {
          grew.add(rs.getString(1));
        }
      }
      for (String id : grew) {
        List<Event> log = CommissionRows.events(c, id, 0);
        int seen = (int) Math.min(log.size(), foldedTo.getOrDefault(id, 0L));
        Counters.addInto(
            expected, Counters.added(log.subList(0, seen), log.subList(seen, log.size())));
      }
    }
    Counters.addInto(expected, CounterRows.states(c));
    expected.values().removeIf(v -> v == 0);
    List<VerifyProblem> out = new ArrayList<>();
    Set<CounterKey> keys = new TreeSet<>(expected.keySet());
    keys.addAll(stored.keySet());
    for (CounterKey k : keys) {
      long want = expected.getOrDefault(k, 0L);
      long have = stored.getOrDefault(k, 0L);
      if (want != have) {
        out.add(
            new VerifyProblem(
                COUNTERS,
                "counter "
                    + k.name()
                    + (k.label().isEmpty() ? "" : "{" + k.label() + "}")
                    + " is "
                    + have
                    + " but the "
                    + (k.name().equals(Counters.COMMISSIONS) ? "rows" : "events")
                    + " say "
                    + want));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static void check(CommissionRecord row, List<Event> events, List<VerifyProblem> problems) {
    String id = row.id();
    if (events.isEmpty() || events.getFirst().type() != EventType.CREATED) {
      problems.add(new VerifyProblem(id, "the event log does not start with 'created'"));
      return;
    }
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).seq() != i + 1) {
        problems.add(new VerifyProblem(id, "event sequence has a gap at " + (i + 1)));
        return;
      }
    }
    Commission spec = Json.commission((Map<String, Object>) events.getFirst().data().get("spec"));
    if (!spec.snapshotHash().equals(row.snapshotHash())) {
      problems.add(new VerifyProblem(id, "the row's snapshot differs from the created event's"));
    }
    CommissionRecord derived = CommissionRecord.replay(spec, events);
    compare(id, "state", derived.state(), row.state(), problems);
    compare(id, "generation", derived.generation(), row.generation(), problems);
    compare(id, "lease epoch", derived.lease().epoch(), row.lease().epoch(), problems);
    compare(id, "lease holder", holder(derived.lease()), holder(row.lease()), problems);
    compare(id, "retry_at", derived.retryAt(), row.retryAt(), problems);
    compare(id, "reason", derived.reason(), row.reason(), problems);
    compare(id, "phase", derived.phase(), row.phase(), problems);
    compare(id, "attempt", derived.attempt(), row.attempt(), problems);
    compare(id, "last_seq", derived.lastSeq(), row.lastSeq(), problems);
    compare(id, "valid_until", derived.validUntil(), row.validUntil(), problems);
  }

  private static String holder(Lease lease) {
    return lease instanceof Lease.Held h ? h.leaseId() + "@" + h.runnerId() : "free";
  }

  private static void compare(
      String id, String what, Object fromEvents, Object inRow, List<VerifyProblem> out) {
    if (!Objects.equals(fromEvents, inRow)) {
      out.add(new VerifyProblem(id, what + " is " + inRow + " but the events say " + fromEvents));
    }
  }
}
