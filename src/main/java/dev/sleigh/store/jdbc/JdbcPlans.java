package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Plan;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.Plans;
import dev.sleigh.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Plans on SQL: a plan revision is applied in one transaction, with its commissions. */
final class JdbcPlans implements Plans {
  private static final String PLAN_COLUMNS = "id, revision, hash, source, created_at, updated_at";
  private static final String FIND = "SELECT " + PLAN_COLUMNS + " FROM plans WHERE id = ?";
  private static final String LIST = "SELECT " + PLAN_COLUMNS + " FROM plans ORDER BY id";
  private static final String MEMBERS =
      """
      SELECT entry, position, commission_id FROM plan_entries
      WHERE plan_id = ? ORDER BY position, entry""";
  private static final String REVISION_HASH =
      "SELECT hash FROM plan_revisions WHERE plan_id = ? AND revision = ?";
  private static final String INSERT_PLAN =
      """
      INSERT INTO plans (id, revision, hash, source, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)""";
  private static final String UPDATE_PLAN =
      "UPDATE plans SET revision = ?, hash = ?, source = ?, updated_at = ? WHERE id = ?";
  private static final String INSERT_REVISION =
      "INSERT INTO plan_revisions (plan_id, revision, hash, applied_at) VALUES (?, ?, ?, ?)";
  private static final String DELETE_MEMBERS = "DELETE FROM plan_entries WHERE plan_id = ?";
  private static final String INSERT_MEMBER =
      """
      INSERT INTO plan_entries (plan_id, entry, position, commission_id)
      VALUES (?, ?, ?, ?)""";
  private static final String STARTED =
      "SELECT 1 FROM events WHERE commission_id = ? AND type = 'claimed'";

  private final Database db;
  private final CommandLog log;

  /** {@code announce}: tells runners' watches that commissions were created. */
  private final Runnable announce;

  JdbcPlans(Database db, CommandLog log, Runnable announce) {
    this.db = db;
    this.log = log;
    this.announce = announce;
  }

  @Override
  public Applied apply(Plan plan) {
    Applied applied = db.transaction(c -> apply(c, plan));
    if (applied.changed()) {
      announce.run();
    }
    return applied;
  }

  @Override
  public Optional<Stored> find(String id) {
    return db.transaction(c -> find(c, id, ""));
  }

  @Override
  public List<Stored> list() {
    return db.transaction(
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(LIST);
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
          List<Stored> out = new ArrayList<>();
          for (String id : ids) {
            find(c, id, "").ifPresent(out::add);
          }
          return out;
        });
  }

  /** What a new revision does to one entry's commission, decided before anything is written. */
  private record Step(String entry, Commission create, String cancel, String action) {}

  private Applied apply(Connection c, Plan plan) throws SQLException {
    if (db.dialect().claimLock() != null) {
      // Two applies of one new plan would both find no row to lock.
      try (Statement s = c.createStatement()) {
        s.execute(db.dialect().claimLock());
      }
    }
    Instant now = log.now();
    String hash = plan.hash();
    Optional<Stored> current = find(c, plan.id(), db.dialect().forUpdate());
    if (current.isPresent()) {
      Stored was = current.get();
      if (was.revision().equals(plan.revision())) {
        if (was.hash().equals(hash)) {
          return unchanged(was);
        }
        throw refusal(
            ErrorCode.INTAKE_CONFLICT,
            "plan '"
                + plan.id()
                + "' revision "
                + plan.revision()
                + " was applied with different content (a changed entry, or a decision revised"
                + " since); give the changed plan a new revision. Nothing was applied");
      }
      if (revisionHash(c, plan.id(), plan.revision()).isPresent()) {
        throw refusal(
            ErrorCode.INTAKE_CONFLICT,
            "plan '"
                + plan.id()
                + "' revision "
                + plan.revision()
                + " was applied before and then replaced by revision "
                + was.revision()
                + "; give the plan a new revision. Nothing was applied");
      }
    }
    Map<String, String> currentIds = new LinkedHashMap<>();
    current.ifPresent(s -> s.entries().forEach(m -> currentIds.put(m.entry(), m.commissionId())));
    List<Step> steps = new ArrayList<>();
    List<String> started = new ArrayList<>();
    Map<String, String> resolved = new HashMap<>();
    for (Plan.Entry entry : plan.entries()) {
      Commission asked = entry.commission();
      List<String> deps =
          asked.dependsOn().stream().map(d -> resolved.get(plan.entryOf(d))).toList();
      String curId = currentIds.get(entry.name());
      if (curId == null) {
        String id = asked.id();
        // An entry dropped by an earlier revision and given again: its first commission keeps
        // the name. For a new plan, a commission of the name is a conflict, reported as such.
        if (current.isPresent() && CommissionRows.find(c, id, "").isPresent()) {
          id = Plan.replacementId(plan.id(), entry.name(), plan.revision());
        }
        resolved.put(entry.name(), id);
        steps.add(new Step(entry.name(), asked.withId(id, deps), null, "created"));
        continue;
      }
      CommissionRecord cur = CommissionRows.find(c, curId, "").orElseThrow();
      Commission same = asked.withId(curId, deps);
      if (same.snapshotHash().equals(cur.snapshotHash())) {
        resolved.put(entry.name(), curId);
        steps.add(new Step(entry.name(), null, null, "unchanged"));
      } else if (started(c, curId)) {
        resolved.put(entry.name(), curId);
        started.add(describe(entry.name(), cur));
      } else {
        String id = Plan.replacementId(plan.id(), entry.name(), plan.revision());
        resolved.put(entry.name(), id);
        steps.add(new Step(entry.name(), asked.withId(id, deps), curId, "replaced"));
      }
    }
    Set<String> names = plan.entries().stream().map(Plan.Entry::name).collect(Collectors.toSet());
    for (var dropped : currentIds.entrySet()) {
      if (!names.contains(dropped.getKey())) {
        CommissionRecord cur = CommissionRows.find(c, dropped.getValue(), "").orElseThrow();
        if (started(c, cur.id())) {
          started.add(describe(dropped.getKey(), cur) + ", dropped from the plan");
        } else {
          steps.add(new Step(dropped.getKey(), null, cur.id(), "dropped"));
        }
      }
    }
    if (!started.isEmpty()) {
      throw refusal(
          ErrorCode.LIFECYCLE_FORBIDDEN,
          "plan '"
              + plan.id()
              + "' revision "
              + plan.revision()
              + " changes entries whose commissions have already started: "
              + String.join("; ", started)
              + ". Nothing was applied: keep those entries as revision "
              + current.orElseThrow().revision()
              + " has them");
    }
    return write(c, plan, hash, current, steps, resolved, now);
  }

  private Applied write(
      Connection c,
      Plan plan,
      String hash,
      Optional<Stored> current,
      List<Step> steps,
      Map<String, String> resolved,
      Instant now)
      throws SQLException {
    String commandId = "plan:" + plan.id() + ":" + plan.revision();
    List<Change> changes = new ArrayList<>();
    for (Step step : steps) {
      if (step.cancel() != null) {
        CommissionRecord old = CommissionRows.find(c, step.cancel(), "").orElseThrow();
        if (!old.state().terminal()) {
          CommandResult r =
              log.executeIn(
                  c,
                  new Command.Cancel(
                      step.cancel(),
                      commandId + ":cancel",
                      (step.action().equals("dropped") ? "dropped from" : "replaced in")
                          + " plan "
                          + plan.id()
                          + " revision "
                          + plan.revision()));
          if (r instanceof CommandResult.Refused refused) {
            throw new StoreException(refused.error());
          }
        }
      }
      if (step.create() != null) {
        CommandResult r = Intake.apply(c, step.create(), commandId, now);
        if (r instanceof CommandResult.Refused refused) {
          throw new StoreException(
              StoreError.of(
                  refused.error().code(),
                  "plan '"
                      + plan.id()
                      + "' entry '"
                      + step.entry()
                      + "': "
                      + refused.error().message()
                      + "; nothing of the plan was applied"));
        }
      }
      String id = step.action().equals("dropped") ? step.cancel() : resolved.get(step.entry());
      changes.add(new Change(step.entry(), id, step.action(), step.cancel()));
    }
    if (current.isEmpty()) {
      try (PreparedStatement p = c.prepareStatement(INSERT_PLAN)) {
        p.setString(1, plan.id());
        p.setString(2, plan.revision());
        p.setString(3, hash);
        p.setString(4, plan.source());
        p.setLong(5, now.toEpochMilli());
        p.setLong(6, now.toEpochMilli());
        p.executeUpdate();
      }
    } else {
      try (PreparedStatement p = c.prepareStatement(UPDATE_PLAN)) {
        p.setString(1, plan.revision());
        p.setString(2, hash);
        p.setString(3, plan.source());
        p.setLong(4, now.toEpochMilli());
        p.setString(5, plan.id());
        p.executeUpdate();
      }
    }
    try (PreparedStatement p = c.prepareStatement(INSERT_REVISION)) {
      p.setString(1, plan.id());
      p.setString(2, plan.revision());
      p.setString(3, hash);
      p.setLong(4, now.toEpochMilli());
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement(DELETE_MEMBERS)) {
      p.setString(1, plan.id());
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement(INSERT_MEMBER)) {
      int position = 0;
      for (Plan.Entry entry : plan.entries()) {
        p.setString(1, plan.id());
        p.setString(2, entry.name());
        p.setInt(3, position++);
        p.setString(4, resolved.get(entry.name()));
        p.addBatch();
      }
      p.executeBatch();
    }
    return new Applied(plan.id(), plan.revision(), true, List.copyOf(changes));
  }

  private static Applied unchanged(Stored plan) {
    return new Applied(
        plan.id(),
        plan.revision(),
        false,
        plan.entries().stream()
            .map(m -> new Change(m.entry(), m.commissionId(), "unchanged", null))
            .toList());
  }

  private static String describe(String entry, CommissionRecord r) {
    return "entry '" + entry + "' (" + r.id() + ", " + r.state().wire() + ")";
  }

  private static boolean started(Connection c, String commissionId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(STARTED)) {
      p.setString(1, commissionId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Optional<String> revisionHash(Connection c, String planId, String revision)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(REVISION_HASH)) {
      p.setString(1, planId);
      p.setString(2, revision);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static Optional<Stored> find(Connection c, String id, String lockSuffix)
      throws SQLException {
    Stored found;
    try (PreparedStatement p = c.prepareStatement(FIND + lockSuffix)) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        found =
            new Stored(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6)),
                List.of());
      }
    }
    List<Member> members = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(MEMBERS)) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          members.add(new Member(rs.getString(1), rs.getInt(2), rs.getString(3)));
        }
      }
    }
    return Optional.of(
        new Stored(
            found.id(),
            found.revision(),
            found.hash(),
            found.source(),
            found.createdAt(),
            found.updatedAt(),
            List.copyOf(members)));
  }

  private static StoreException refusal(ErrorCode code, String message) {
    return new StoreException(StoreError.of(code, message));
  }
}
