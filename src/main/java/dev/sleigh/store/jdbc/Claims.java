package dev.sleigh.store.jdbc;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.Lease;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.ResumePoint;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.CommandResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks and leases the next runnable commission (of one queue, when the claim names one): priority,
 * then age; skipping future retries, unmet dependencies and held locks; taking over leases that
 * expired (counting the expiry) and expiring commissions past {@code valid_until} on the way. A
 * lease counts as dead only if it had expired when the claim was asked for: a claim that waited for
 * the store (a locked SQLite file, a database coming back) must not take over the leases that
 * expired while nobody could renew them.
 *
 * <p>Every query here reads live rows only, through the partial indexes of {@code
 * V006__live_rows.sql}, so a claim costs the same with no finished commission or a million.
 */
final class Claims {
  private static final int CANDIDATES = 500;
  static final String CLAIMABLE_INDEX = "commissions_claimable";

  /**
   * The candidates' query in {@code dialect}; its WHERE on state is the partial index's own. With a
   * {@code queue}, a plain equality on it filters the live rows the index yields.
   */
  static String candidatesSql(Dialect dialect, boolean queue) {
    return "SELECT id FROM commissions"
        + dialect.indexedBy(CLAIMABLE_INDEX)
        + """

        WHERE state IN ('queued', 'preflighting', 'running')
          AND (retry_at IS NULL OR retry_at <= ?)
          AND (lease_id IS NULL OR lease_expires_at <= ?)
          AND (CAST(? AS TEXT) IS NULL OR id = ?)"""
        + (queue ? " AND queue = ?" : "")
        + "\nORDER BY priority, created_at, id LIMIT "
        + CANDIDATES;
  }

  static final String UNMET_DEPENDENCY =
      """
      SELECT 1 FROM commission_deps d LEFT JOIN commissions dep ON dep.id = d.depends_on
      WHERE d.commission_id = ?
        AND (dep.state IS NULL OR dep.state NOT IN ('completed', 'completed_with_projection_debt'))""";
  // Driven from the live holders (found by state through an index led by it), never from every
  // commission that ever named the lock: CROSS JOIN keeps SQLite's planner to that order.
  private static final String HAS_LOCKS = "SELECT 1 FROM commission_locks WHERE commission_id = ?";
  static final String LOCK_HELD =
      """
      SELECT 1 FROM commissions holder
      CROSS JOIN commission_locks other
      CROSS JOIN commission_locks mine
      WHERE holder.state IN ('preflighting', 'running', 'waiting_human')
        AND holder.id <> ?
        AND other.commission_id = holder.id
        AND mine.commission_id = ?
        AND mine.lock_name = other.lock_name""";

  private final CommandLog log;
  private final Dialect dialect;

  Claims(CommandLog log, Dialect dialect) {
    this.log = log;
    this.dialect = dialect;
  }

  /** {@code asked}: when the runner asked for the claim, before its transaction could begin. */
  Optional<Claimed> claim(Connection c, Claim claim, Instant asked) throws SQLException {
    if (dialect.claimLock() != null) {
      try (Statement s = c.createStatement()) {
        s.execute(dialect.claimLock());
      }
    }
    Instant now = log.now();
    Instant deadBy = asked.isBefore(now) ? asked : now;
    for (String id : candidates(c, claim, now, deadBy)) {
      Optional<Claimed> claimed = tryClaim(c, id, claim, now, deadBy);
      if (claimed.isPresent()) {
        return claimed;
      }
    }
    return Optional.empty();
  }

  private Optional<Claimed> tryClaim(
      Connection c, String id, Claim claim, Instant now, Instant deadBy) throws SQLException {
    Optional<CommissionRecord> found = CommissionRows.find(c, id, dialect.forUpdate());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CommissionRecord r = found.get();
    if (!now.isBefore(r.validUntil())) {
      log.executeIn(c, new Command.Expire(id, "sweep:expire"));
      return Optional.empty();
    }
    if (r.lease() instanceof Lease.Held held) {
      if (held.liveAt(deadBy)) {
        return Optional.empty();
      }
      CommandResult expired =
          log.executeIn(
              c, new Command.ExpireLease(id, "sweep:expire_lease:" + held.epoch(), claim.policy()));
      if (!(expired instanceof CommandResult.Done done) || !done.record().state().leasable()) {
        return Optional.empty();
      }
      r = done.record();
    }
    if (exists(c, UNMET_DEPENDENCY, id)
        || (exists(c, HAS_LOCKS, id) && exists(c, LOCK_HELD, id, id))) {
      return Optional.empty();
    }
    List<Event> history = CommissionRows.events(c, id, 0);
    String leaseId = log.newLeaseId();
    CommandResult result =
        log.apply(
            c,
            r,
            history,
            log.decider().claim(r, history, claim, leaseId, now),
            "claim:" + leaseId,
            "claim");
    if (!(result instanceof CommandResult.Done done)) {
      return Optional.empty();
    }
    List<Event> all = new ArrayList<>(history);
    all.addAll(done.events());
    ResumePoint resume = ResumePoint.from(all, claim.workflow());
    return Optional.of(
        new Claimed(done.record(), (Lease.Held) done.record().lease(), leaseId, resume));
  }

  private List<String> candidates(Connection c, Claim claim, Instant now, Instant deadBy)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            candidatesSql(dialect, claim.queue() != null) + dialect.forUpdateSkipLocked())) {
      p.setLong(1, now.toEpochMilli());
      p.setLong(2, deadBy.toEpochMilli());
      p.setString(3, claim.onlyId());
      p.setString(4, claim.onlyId());
      if (claim.queue() != null) {
        p.setString(5, claim.queue());
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  private static boolean exists(Connection c, String sql, String... ids) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < ids.length; i++) {
        p.setString(i + 1, ids[i]);
      }
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }
}
