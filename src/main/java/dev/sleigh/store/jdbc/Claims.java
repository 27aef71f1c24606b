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
 */
final class Claims {
  private static final int CANDIDATES = 500;
  private static final String CANDIDATES_WHERE =
      """
      SELECT id FROM commissions
      WHERE state IN ('queued', 'preflighting', 'running')
        AND (retry_at IS NULL OR retry_at <= ?)
        AND (lease_id IS NULL OR lease_expires_at <= ?)
        AND (CAST(? AS TEXT) IS NULL OR id = ?)""";
  private static final String CANDIDATES_ORDER =
      " ORDER BY priority, created_at, id LIMIT " + CANDIDATES;
  private static final String CANDIDATES_SQL = CANDIDATES_WHERE + CANDIDATES_ORDER;

  /**
   * One queue's candidates: a plain equality on {@code queue}, so that the index that leads with it
   * (commissions_by_queue) serves the claim.
   */
  private static final String QUEUE_CANDIDATES_SQL =
      CANDIDATES_WHERE + " AND queue = ?" + CANDIDATES_ORDER;

  private static final String UNMET_DEPENDENCY =
      """
      SELECT 1 FROM commission_deps d LEFT JOIN commissions dep ON dep.id = d.depends_on
      WHERE d.commission_id = ?
        AND (dep.state IS NULL OR dep.state NOT IN ('completed', 'completed_with_projection_debt'))""";
  private static final String LOCK_HELD =
      """
      SELECT 1 FROM commission_locks mine
      JOIN commission_locks other
        ON other.lock_name = mine.lock_name AND other.commission_id <> mine.commission_id
      JOIN commissions holder ON holder.id = other.commission_id
      WHERE mine.commission_id = ?
        AND holder.state IN ('preflighting', 'running', 'waiting_human')""";

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
    if (exists(c, UNMET_DEPENDENCY, id) || exists(c, LOCK_HELD, id)) {
      return Optional.empty();
    }
    List<Event> history = CommissionRows.events(c, id, 0);
    String leaseId = log.newLeaseId();
    CommandResult result =
        log.apply(
            c,
            r,
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
    String sql = claim.queue() == null ? CANDIDATES_SQL : QUEUE_CANDIDATES_SQL;
    try (PreparedStatement p = c.prepareStatement(sql + dialect.forUpdateSkipLocked())) {
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

  private static boolean exists(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }
}
