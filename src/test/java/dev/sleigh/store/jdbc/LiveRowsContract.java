package dev.sleigh.store.jdbc;

import static dev.sleigh.testkit.Fixtures.commission;
import static dev.sleigh.testkit.Fixtures.dependingOn;
import static dev.sleigh.testkit.Fixtures.withLocks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.CounterKey;
import dev.sleigh.store.Counters;
import dev.sleigh.testkit.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's cost does not grow with its history: the queries of claims, sweeps, lock and
 * dependency checks and the runner's tick read live rows only (their plans use the partial indexes
 * and scan no table), and the counters that status and {@code /metrics} read are kept in step with
 * every transition, computed once by the migration for older stores, and checked by {@code verify}.
 */
abstract class LiveRowsContract {
  static final Set<String> LIVE_INDEXES =
      Set.of(
          "commissions_claimable", "commissions_leased", "commissions_unended", "runs_with_agents");

  MutableClock clock;
  StoreHarness h;
  String url;

  abstract String newStoreUrl();

  abstract Dialect dialect();

  /** The plan of {@code sql} with {@code params} bound, one line per step. */
  abstract List<String> plan(Connection c, String sql, Object... params) throws SQLException;

  /** Fails when the plan reads a whole table, or a whole index that holds finished rows. */
  abstract void assertReadsLiveRowsOnly(List<String> plan);

  @BeforeEach
  void open() {
    clock = MutableClock.at("2026-11-24T10:00:00Z");
    url = newStoreUrl();
    h = new StoreHarness(Stores.open(url, clock, new SplittableRandom(7)), clock);
  }

  @AfterEach
  void close() {
    h.store.close();
  }

  @Test
  void claimsSweepsAndChecksReadOnlyLiveRowsThroughTheirIndexes() throws Exception {
    story();
    long now = clock.millis();
    try (Connection c = DriverManager.getConnection(url)) {
      assertUses(
          plan(c, Claims.candidatesSql(dialect(), false), now, now, null, null),
          "commissions_claimable",
          "claim candidates");
      // The holders are found by state (an index led by state), never by the lock's every user.
      List<String> lockHeld = plan(c, Claims.LOCK_HELD, "wc-a", "wc-a");
      assertHoldersFirst(lockHeld);
      assertReadsLiveRowsOnly(lockHeld);
      assertUses(plan(c, Sweeper.DEAD_LEASES, now), "commissions_leased", "dead leases");
      assertUses(plan(c, Sweeper.LAPSED, now), "commissions_unended", "lapsed");
      assertUses(plan(c, LedgerRows.ENDED_WITH_AGENTS, "h", now), "runs_with_agents", "orphans");
      assertUses(plan(c, JdbcCommissionStore.RECENT, "failed", 10), "commissions_recent", "recent");
      List<String> orphaned = plan(c, Sweeper.ORPHANED);
      assertReadsLiveRowsOnly(orphaned);
      assertReadsLiveRowsOnly(plan(c, Claims.UNMET_DEPENDENCY, "wc-a"));
    }
  }

  private void assertUses(List<String> plan, String index, String what) {
    assertThat(acceptable(index).stream().anyMatch(String.join("\n", plan)::contains))
        .as(what + " reads " + acceptable(index) + ": " + plan)
        .isTrue();
    assertReadsLiveRowsOnly(plan);
  }

  /** Fails unless the lock check starts from the live holders. */
  abstract void assertHoldersFirst(List<String> plan);

  /** The indexes a plan may read for a query written for {@code index}. */
  Set<String> acceptable(String index) {
    return Set.of(index);
  }

  @Test
  void theCountersFollowEveryTransitionAndVerifyAgrees() {
    story();
    Map<CounterKey, Long> counters = h.store.counters();
    assertThat(h.store.countByState())
        .containsEntry(CommissionState.COMPLETED, 1L)
        .containsEntry(CommissionState.CANCELLED, 1L)
        .containsEntry(CommissionState.RUNNING, 1L)
        .containsEntry(CommissionState.QUEUED, 1L);
    assertThat(Counters.get(counters, Counters.EVENTS, "created")).isEqualTo(4);
    assertThat(Counters.get(counters, Counters.PHASE_ATTEMPTS, "preflight")).isEqualTo(2);
    assertThat(Counters.get(counters, Counters.PHASE_RETRIES, "frame")).isEqualTo(1);
    assertThat(Counters.get(counters, Counters.PHASE_STALLS, "frame")).isEqualTo(1);
    assertThat(Counters.get(counters, Counters.PHASE_DURATION_COUNT, "preflight|passed"))
        .isEqualTo(2);
    assertThat(Counters.get(counters, Counters.PHASE_DURATION_MS, "preflight|passed"))
        .isEqualTo(2 * 3_000);
    assertThat(Counters.get(counters, Counters.PHASE_DURATION_BUCKET, "preflight|passed|5000"))
        .isEqualTo(2);
    assertThat(Counters.get(counters, Counters.CLAIM_LATENCY_COUNT, "")).isEqualTo(2);
    assertThat(h.store.verify()).isEmpty();
  }

  @Test
  void verifyReportsACounterThatDisagreesWithTheEvents() throws Exception {
    story();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO counters (name, label, shard, value) VALUES ('events', 'created', 99, 5)");
    }
    assertThat(h.store.verify())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.commissionId()).isEqualTo(Verifier.COUNTERS);
              assertThat(p.problem()).contains("events{created} is 9 but the events say 4");
            });
  }

  @Test
  void theMigrationCountsWhatAStoreWrittenBeforeTheCountersHolds() throws Exception {
    story();
    Map<CounterKey, Long> kept = h.store.counters();
    h.store.close();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE counters");
      for (String index : List.of("commissions_recent", "commissions_claimable")) {
        s.executeUpdate("DROP INDEX " + index);
      }
      for (String index : LIVE_INDEXES) {
        s.executeUpdate("DROP INDEX IF EXISTS " + index);
      }
      s.executeUpdate("DELETE FROM schema_version WHERE version = 6");
    }
    h = new StoreHarness(Stores.open(url, clock, new SplittableRandom(8)), clock);
    assertThat(h.store.counters()).isEqualTo(kept);
    assertThat(h.store.verify()).isEmpty();
  }

  /**
   * Four commissions: one completed through preflight, one cancelled, one running after a stalled
   * frame that will be retried, one queued that waits for the running one and shares its lock.
   */
  private void story() {
    h.create(withLocks(commission("wc-a"), "db"));
    h.create(commission("wc-b"));
    h.create(commission("wc-c"));
    h.create(dependingOn(withLocks(commission("wc-d"), "db"), "wc-a"));
    clock.tick(Duration.ofSeconds(1));
    LeaseToken b = h.claim("wc-b").token();
    h.start("wc-b", b, Phase.PREFLIGHT, 1);
    clock.tick(Duration.ofSeconds(3));
    h.pass("wc-b", b, Phase.PREFLIGHT, 1);
    h.store
        .execute(
            new Command.Complete(
                "wc-b", b, "complete", dev.sleigh.domain.Workflow.of(Phase.PREFLIGHT), false))
        .orThrow();
    h.store.execute(new Command.Cancel("wc-c", "cancel", "not needed")).orThrow();
    LeaseToken a = h.claim("wc-a").token();
    h.start("wc-a", a, Phase.PREFLIGHT, 1);
    clock.tick(Duration.ofSeconds(3));
    h.pass("wc-a", a, Phase.PREFLIGHT, 1);
    h.start("wc-a", a, Phase.FRAME, 1);
    h.fail("wc-a", a, Phase.FRAME, 1, true);
    var unused = h.store.sweep(RetryPolicy.DEFAULT);
  }

  static List<String> lines(PreparedStatement p, int column, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      p.setObject(i + 1, params[i]);
    }
    List<String> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(column));
      }
    }
    return out;
  }
}
