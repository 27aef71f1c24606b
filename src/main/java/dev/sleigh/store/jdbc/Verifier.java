package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Lease;
import dev.sleigh.store.CommissionStore.VerifyProblem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Re-derives each commission's row from its event log and reports every disagreement. */
final class Verifier {
  private static final String IDS = "SELECT id FROM commissions ORDER BY id";

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
    for (String id : ids) {
      db.transaction(
          c -> {
            CommissionRecord row = CommissionRows.find(c, id, "").orElseThrow();
            check(row, CommissionRows.events(c, id, 0), problems);
            return null;
          });
    }
    return problems;
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
