package dev.sleigh.store.jdbc;

import static dev.sleigh.testkit.Fixtures.commission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.lifecycle.ResumePoint;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.StoreException;
import dev.sleigh.store.WorkWatch;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.testkit.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The behaviour every {@link CommissionStore} must have; one subclass per database. */
abstract class StoreContract {
  MutableClock clock;
  StoreHarness h;
  String url;

  abstract String newStoreUrl();

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

  CommissionStore store() {
    return h.store;
  }

  @Test
  void createdCommissionIsQueuedWithOneCreatedEvent() {
    var r = h.create(commission("wc-a"));
    assertThat(r.state()).isEqualTo(CommissionState.QUEUED);
    assertThat(r.generation()).isEqualTo(1);
    assertThat(r.validUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(168)));
    assertThat(store().events("wc-a", 0))
        .extracting(e -> e.type())
        .containsExactly(EventType.CREATED);
  }

  @Test
  void intakeOfTheSameCommissionWhileRunningIsANoOp() {
    h.create(commission("wc-a"));
    h.running("wc-a");
    int before = h.eventCount("wc-a");
    var again = store().intake(commission("wc-a"), "replay").orThrow();
    assertThat(again.applied()).isFalse();
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.RUNNING);
    assertThat(h.eventCount("wc-a")).isEqualTo(before);
  }

  @Test
  void intakeOfDifferentContentIsRejectedRecordedAndLeavesTheStateUntouched() {
    h.create(commission("wc-a"));
    h.running("wc-a");
    var before = h.record("wc-a");
    var result = store().intake(Fixtures.withBody(commission("wc-a"), "other"), "replay");
    assertThat(result)
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.INTAKE_CONFLICT));
    var after = h.record("wc-a");
    assertThat(after.state()).isEqualTo(before.state());
    assertThat(after.lease()).isEqualTo(before.lease());
    assertThat(after.snapshotHash()).isEqualTo(before.snapshotHash());
    assertThat(store().events("wc-a", 0).getLast().type()).isEqualTo(EventType.INTAKE_CONFLICT);
  }

  @Test
  void replayingACommandIdReturnsTheFirstResultAndAppendsNothing() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.claim("wc-a").token();
    var start =
        new Command.PhaseStarted("wc-a", lease, "run:preflight:1:started", Phase.PREFLIGHT, 1);
    var first = store().execute(start).orThrow();
    var replay = store().execute(start).orThrow();
    assertThat(first.applied()).isTrue();
    assertThat(replay.applied()).isFalse();
    assertThat(replay.events()).isEqualTo(first.events());
    assertThat(h.eventCount("wc-a")).isEqualTo(3);

    var cancel = new Command.Cancel("wc-a", "op-1", "not needed");
    var cancelled = store().execute(cancel).orThrow();
    var cancelReplay = store().execute(cancel).orThrow();
    assertThat(cancelReplay.applied()).isFalse();
    assertThat(cancelReplay.events()).isEqualTo(cancelled.events());
    assertThat(h.eventCount("wc-a")).isEqualTo(4);
  }

  @Test
  void preflightPassReplayedWhileRunningUnderTheSameLeaseIsANoOp() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    int before = h.eventCount("wc-a");
    var replay =
        store()
            .execute(new Command.PhasePassed("wc-a", lease, "other-id", Phase.PREFLIGHT, 1))
            .orThrow();
    assertThat(replay.applied()).isFalse();
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.RUNNING);
    assertThat(h.eventCount("wc-a")).isEqualTo(before);
  }

  @Test
  void blockedPreflightVerdictFromAnOlderEpochIsFencedAndChangesNothing() {
    h.create(commission("wc-a"));
    LeaseToken old = h.claim("wc-a").token();
    h.start("wc-a", old, Phase.PREFLIGHT, 1);
    clock.tick(Duration.ofMinutes(5));
    LeaseToken current = h.claim("wc-a").token();
    h.start("wc-a", current, Phase.PREFLIGHT, 2);
    h.pass("wc-a", current, Phase.PREFLIGHT, 2);
    var before = h.record("wc-a");
    var result =
        store()
            .execute(
                new Command.Block(
                    "wc-a",
                    old,
                    "zombie",
                    CommissionState.BLOCKED_STALE,
                    "decision superseded",
                    Phase.PREFLIGHT));
    assertRefused(result, ErrorCode.LEASE_FENCED);
    assertThat(h.record("wc-a")).isEqualTo(before);
  }

  @Test
  void blockedPreflightVerdictAfterPreflightPassedIsForbiddenEvenUnderTheCurrentLease() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    var before = h.record("wc-a");
    var result =
        store()
            .execute(
                new Command.Block(
                    "wc-a",
                    lease,
                    "stale",
                    CommissionState.BLOCKED_STALE,
                    "decision superseded",
                    Phase.PREFLIGHT));
    assertRefused(result, ErrorCode.LIFECYCLE_FORBIDDEN);
    assertThat(h.record("wc-a")).isEqualTo(before);
  }

  @Test
  void commandsUnderARevokedLeaseAreFenced() {
    h.create(commission("wc-r"));
    LeaseToken requeued = h.claim("wc-r").token();
    store().execute(new Command.Requeue("wc-r", "op-1", "try again")).orThrow();
    assertRefused(
        store().execute(new Command.PhaseStarted("wc-r", requeued, "x", Phase.PREFLIGHT, 1)),
        ErrorCode.LEASE_FENCED);

    h.create(commission("wc-c"));
    LeaseToken cancelled = h.claim("wc-c").token();
    store().execute(new Command.Cancel("wc-c", "op-2", "stop")).orThrow();
    assertRefused(
        store().execute(new Command.Release("wc-c", cancelled, "x", "shutdown")),
        ErrorCode.LEASE_FENCED);
    assertRefused(
        store().execute(new Command.Heartbeat("wc-c", cancelled, null, StoreHarness.TTL)),
        ErrorCode.CANCELLED);

    h.create(commission("wc-e"));
    LeaseToken expired = h.claim("wc-e").token();
    clock.tick(Duration.ofMinutes(2));
    assertRefused(
        store().execute(new Command.PhaseStarted("wc-e", expired, "y", Phase.PREFLIGHT, 1)),
        ErrorCode.LEASE_FENCED);
    h.claim("wc-e");
    assertRefused(
        store().execute(new Command.Heartbeat("wc-e", expired, null, StoreHarness.TTL)),
        ErrorCode.LEASE_FENCED);
    assertThat(h.record("wc-e").lease().epoch()).isEqualTo(2);
  }

  @Test
  void aHeartbeatRenewsAnExpiredLeaseThatNobodyTookOverAndWritesMayFollow() {
    h.create(commission("wc-o"));
    LeaseToken lease = h.claim("wc-o").token();
    int before = h.eventCount("wc-o");
    clock.tick(Duration.ofMinutes(2));
    assertRefused(
        store().execute(new Command.PhaseStarted("wc-o", lease, "s-1", Phase.PREFLIGHT, 1)),
        ErrorCode.LEASE_FENCED);

    store().execute(new Command.Heartbeat("wc-o", lease, null, StoreHarness.TTL)).orThrow();

    assertThat(h.record("wc-o").heldAt(clock.instant())).isTrue();
    assertThat(h.record("wc-o").lease().epoch()).isEqualTo(1);
    assertThat(h.eventCount("wc-o")).isEqualTo(before);
    store().execute(new Command.PhaseStarted("wc-o", lease, "s-2", Phase.PREFLIGHT, 1)).orThrow();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aClaimThatWaitedForTheStoreTakesOverNoLeaseThatExpiredWhileItWaited() throws Exception {
    h.create(commission("wc-w"));
    h.claim("wc-w");
    clock.tick(Duration.ofSeconds(30));
    Semaphore reads = new Semaphore(0);
    InstantSource watched =
        () -> {
          Instant read = clock.instant();
          reads.release();
          return read;
        };
    try (CommissionStore other = Stores.open(url, watched, new SplittableRandom(8))) {
      CompletableFuture<Optional<Claimed>> claim;
      try (AutoCloseable held = holdWrites()) {
        reads.drainPermits();
        claim =
            CompletableFuture.supplyAsync(
                () -> other.claim(Claim.next("runner-b", StoreHarness.TTL)));
        assertThat(reads.tryAcquire(10, TimeUnit.SECONDS))
            .as("the claim read the time before it waited")
            .isTrue();
        clock.tick(StoreHarness.TTL);
      }
      assertThat(claim.get(30, TimeUnit.SECONDS))
          .as("the lease was live when the claim was asked for")
          .isEmpty();
      assertThat(h.record("wc-w").lease().epoch()).isEqualTo(1);
      assertThat(other.claim(Claim.next("runner-b", StoreHarness.TTL)))
          .as("a claim asked for after the expiry takes the lease over")
          .isPresent();
    }
    assertThat(h.record("wc-w").lease().epoch()).isEqualTo(2);
  }

  /**
   * Holds the store's write lock from a connection of the test until closed, so that every
   * transaction of the store waits: SQLite's one writer, PostgreSQL's lock on the commissions
   * table.
   */
  private AutoCloseable holdWrites() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      if (url.startsWith("jdbc:sqlite:")) {
        s.execute("BEGIN IMMEDIATE");
      } else {
        c.setAutoCommit(false);
        s.execute(Dialect.POSTGRES.claimLock());
        s.execute("LOCK TABLE commissions IN ACCESS EXCLUSIVE MODE");
      }
    }
    return () -> {
      try (c;
          Statement s = c.createStatement()) {
        s.execute("ROLLBACK");
      }
    };
  }

  @Test
  void anExpiredLeaseThatASweepFreedCannotBeRenewed() {
    h.create(commission("wc-s"));
    LeaseToken lease = h.claim("wc-s").token();
    clock.tick(Duration.ofMinutes(2));
    store().sweep(RetryPolicy.DEFAULT);

    assertRefused(
        store().execute(new Command.Heartbeat("wc-s", lease, null, StoreHarness.TTL)),
        ErrorCode.LEASE_FENCED);
    assertThat(h.record("wc-s").heldAt(clock.instant())).isFalse();
  }

  @Test
  void aTurnsCheckpointIsStoredWithTheEventThatNamesItAndOnlyOnce() {
    h.create(commission("wc-k"));
    LeaseToken lease = h.running("wc-k");
    h.start("wc-k", lease, Phase.EXECUTE, 1);
    var first = Fixtures.pack("a".repeat(40));

    var done = store().execute(new Command.RecordTurn("wc-k", lease, "t-1", 1, 1, first)).orThrow();
    store().execute(new Command.RecordTurn("wc-k", lease, "t-2", 1, 2, first)).orThrow();

    assertThat(done.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.TURN_COMPLETED);
              assertThat(e.data())
                  .containsEntry("turn", 1)
                  .containsEntry("checkpoint", "a".repeat(40));
              assertThat(CheckpointRef.of(e)).contains(first.ref());
            });
    assertThat(store().checkpointPack("wc-k", "a".repeat(40)))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(first.pack()));
    assertThat(store().checkpoints("wc-k")).hasSize(1);

    var passed = Fixtures.pack("b".repeat(40));
    store()
        .execute(new Command.PhasePassed("wc-k", lease, "p-1", Phase.EXECUTE, 1, passed))
        .orThrow();
    assertThat(CheckpointRef.latest(store().events("wc-k", 0))).contains(passed.ref());
    assertThat(store().checkpoints("wc-k")).hasSize(2);

    assertThat(store().removeCheckpoints("wc-k")).isEqualTo(2);
    assertThat(store().checkpointPack("wc-k", "b".repeat(40))).isEmpty();
  }

  @Test
  void aRefusedTurnStoresNoCheckpoint() {
    h.create(commission("wc-n"));
    LeaseToken lease = h.running("wc-n");
    h.start("wc-n", lease, Phase.EXECUTE, 1);
    store().execute(new Command.Requeue("wc-n", "op-1", "again")).orThrow();

    assertRefused(
        store().execute(new Command.RecordTurn("wc-n", lease, "t-1", 1, 1, Fixtures.pack())),
        ErrorCode.LEASE_FENCED);
    assertThat(store().checkpoints("wc-n")).isEmpty();
  }

  @Test
  void heartbeatExtendsTheLeaseWithoutAppendingEvents() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.claim("wc-a").token();
    int before = h.eventCount("wc-a");
    clock.tick(Duration.ofSeconds(50));
    store().execute(new Command.Heartbeat("wc-a", lease, null, StoreHarness.TTL)).orThrow();
    clock.tick(Duration.ofSeconds(50));
    assertThat(h.record("wc-a").heldAt(clock.instant())).isTrue();
    assertThat(h.eventCount("wc-a")).isEqualTo(before);
  }

  @Test
  void claimTakesHigherPriorityFirstThenOlder() {
    h.create(Fixtures.withPriority(commission("wc-low"), 4));
    clock.tick(Duration.ofSeconds(1));
    h.create(commission("wc-old"));
    clock.tick(Duration.ofSeconds(1));
    h.create(commission("wc-new"));
    clock.tick(Duration.ofSeconds(1));
    h.create(Fixtures.withPriority(commission("wc-urgent"), 1));
    assertThat(List.of(claimNext(), claimNext(), claimNext(), claimNext()))
        .containsExactly("wc-urgent", "wc-old", "wc-new", "wc-low");
    assertThat(store().claim(Claim.next("runner-a", StoreHarness.TTL))).isEmpty();
  }

  @Test
  void claimWaitsForRetryAtAndDependenciesAndLocks() {
    h.create(commission("wc-retry"));
    LeaseToken lease = h.running("wc-retry");
    h.start("wc-retry", lease, Phase.FRAME, 1);
    h.fail("wc-retry", lease, Phase.FRAME, 1, true).orThrow();
    h.create(Fixtures.dependingOn(commission("wc-child"), "wc-parent"));
    clock.tick(Duration.ofSeconds(1));
    h.create(commission("wc-parent"));
    clock.tick(Duration.ofSeconds(1));
    h.create(Fixtures.withLocks(commission("wc-l1"), "db"));
    clock.tick(Duration.ofSeconds(1));
    h.create(Fixtures.withLocks(commission("wc-l2"), "db"));

    assertThat(claimNext()).isEqualTo("wc-parent");
    assertThat(claimNext()).isEqualTo("wc-l1");
    assertThat(store().claim(Claim.next("runner-a", StoreHarness.TTL))).isEmpty();
    clock.tick(Duration.ofSeconds(10));
    assertThat(claimNext()).isEqualTo("wc-retry");
  }

  @Test
  void aCommissionIsClaimableAfterItsDependencyCompletes() {
    h.create(Fixtures.dependingOn(commission("wc-child"), "wc-parent"));
    h.create(commission("wc-parent"));
    LeaseToken lease = h.running("wc-parent");
    for (Phase p : List.of(Phase.FRAME, Phase.EXECUTE, Phase.MEASURE)) {
      h.start("wc-parent", lease, p, 1);
      h.pass("wc-parent", lease, p, 1);
    }
    store()
        .execute(new Command.Complete("wc-parent", lease, "done", Workflow.DEFAULT, false))
        .orThrow();
    assertThat(claimNext()).isEqualTo("wc-child");
  }

  @Test
  void aRunningCommissionWhoseRunnerDiedResumesAtExecuteAttemptTwoNeverAtPreflight() {
    h.create(commission("wc-seed"));
    LeaseToken lease = h.running("wc-seed");
    h.start("wc-seed", lease, Phase.FRAME, 1);
    h.pass("wc-seed", lease, Phase.FRAME, 1);
    h.start("wc-seed", lease, Phase.EXECUTE, 1);
    clock.tick(Duration.ofMinutes(5));
    var claimed = h.claim("wc-seed");
    assertThat(claimed.resume()).isEqualTo(new ResumePoint.Run(Phase.EXECUTE, 2, 1, Set.of()));
    assertThat(claimed.lease().epoch()).isEqualTo(2);
    var events = store().events("wc-seed", 0);
    assertThat(events).filteredOn(e -> e.is(EventType.PHASE_PASSED, Phase.PREFLIGHT)).hasSize(1);
    assertThat(events).extracting(e -> e.type()).contains(EventType.LEASE_EXPIRED);
    assertThat(h.record("wc-seed").state()).isEqualTo(CommissionState.RUNNING);
  }

  @Test
  void retryableFailuresEndTheCommissionWhenThePhaseBudgetIsSpent() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    for (int attempt = 1; attempt <= 3; attempt++) {
      h.start("wc-a", lease, Phase.FRAME, attempt);
      var result = h.fail("wc-a", lease, Phase.FRAME, attempt, true).orThrow();
      if (attempt < 3) {
        var r = result.record();
        assertThat(r.retryAt()).isAfter(clock.instant());
        assertThat(r.lease()).isInstanceOf(Lease.Free.class);
        clock.set(r.retryAt());
        lease = h.claim("wc-a").token();
      }
    }
    var r = h.record("wc-a");
    assertThat(r.state()).isEqualTo(CommissionState.FAILED);
    assertThat(r.reason()).isEqualTo("retry_budget_exhausted");
    var failed = store().events("wc-a", 0).getLast();
    assertThat(failed.type()).isEqualTo(EventType.FAILED);
    assertThat(failed.data().get("failure").toString()).contains("stalled");
    @SuppressWarnings("unchecked")
    var failure = (java.util.Map<String, Object>) failed.data().get("failure");
    assertThat(failure)
        .containsEntry("budget", "max_attempts_per_phase")
        .containsEntry("max_attempts_per_phase", 3);
    assertThat(store().events("wc-a", 0))
        .filteredOn(e -> e.type() == EventType.PHASE_STARTED && e.phase() == Phase.FRAME)
        .hasSize(3);
  }

  @Test
  void aFinalFailureEndsTheCommissionAtOnce() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    h.start("wc-a", lease, Phase.FRAME, 1);
    h.fail("wc-a", lease, Phase.FRAME, 1, false).orThrow();
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.FAILED);
    assertThat(h.record("wc-a").reason()).isEqualTo("stalled");
  }

  @Test
  void leaseExpiriesAreCountedApartAndEndTheCommissionAtTheCap() {
    h.create(commission("wc-a"));
    for (int i = 1; i <= 3; i++) {
      h.claim("wc-a");
      clock.tick(Duration.ofMinutes(2));
      store().sweep(RetryPolicy.DEFAULT);
    }
    var r = h.record("wc-a");
    assertThat(r.state()).isEqualTo(CommissionState.FAILED);
    assertThat(r.reason()).isEqualTo("lease_expiry_budget_exhausted");
    assertThat(store().events("wc-a", 0))
        .filteredOn(e -> e.type() == EventType.LEASE_EXPIRED)
        .hasSize(3);
  }

  @Test
  void sweepExpiresLapsedCommissionsAndBlocksDependantsOfEndedOnes() {
    h.create(commission("wc-parent"));
    h.create(Fixtures.dependingOn(commission("wc-child"), "wc-parent"));
    store().execute(new Command.Cancel("wc-parent", "op", "no longer wanted")).orThrow();
    var report = store().sweep(RetryPolicy.DEFAULT);
    assertThat(report.blocked()).containsExactly("wc-child");
    assertThat(h.record("wc-child").state()).isEqualTo(CommissionState.BLOCKED_POLICY);
    assertThat(h.record("wc-child").reason()).isEqualTo("dependency_not_completed:wc-parent");

    h.create(commission("wc-old"));
    clock.tick(Duration.ofHours(169));
    assertThat(store().sweep(RetryPolicy.DEFAULT).expired()).contains("wc-old");
    assertThat(h.record("wc-old").state()).isEqualTo(CommissionState.EXPIRED);
  }

  @Test
  void requeueStartsANewGenerationThatResumesAtPreflight() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    h.start("wc-a", lease, Phase.FRAME, 1);
    h.fail("wc-a", lease, Phase.FRAME, 1, false);
    assertRefused(store().execute(new Command.Requeue("wc-a", "op", " ")), ErrorCode.INVALID);
    var requeued =
        store().execute(new Command.Requeue("wc-a", "op", "fixed the repo")).orThrow().record();
    assertThat(requeued.generation()).isEqualTo(2);
    assertThat(requeued.state()).isEqualTo(CommissionState.QUEUED);
    var claimed = h.claim("wc-a");
    assertThat(claimed.resume()).isEqualTo(new ResumePoint.Run(Phase.PREFLIGHT, 1, 2, Set.of()));
  }

  @Test
  void anApprovalForTheCurrentSnapshotLetsTheNextClaimResumeAfterTheGate() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    h.start("wc-a", lease, Phase.FRAME, 1);
    h.pass("wc-a", lease, Phase.FRAME, 1);
    h.start("wc-a", lease, Phase.EXECUTE, 1);
    store()
        .execute(new Command.WaitForHuman("wc-a", lease, "w", Phase.EXECUTE, "one-way door"))
        .orThrow();
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.WAITING_HUMAN);
    assertThat(store().claim(Claim.next("runner-a", StoreHarness.TTL))).isEmpty();
    assertRefused(
        store().execute(new Command.Approve("wc-a", "op-0", "ok", "deadbeef")), ErrorCode.INVALID);
    store().execute(new Command.Approve("wc-a", "op-1", "looks right", null)).orThrow();
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.RUNNING);
    var claimed = h.claim("wc-a");
    assertThat(claimed.resume())
        .isEqualTo(new ResumePoint.Run(Phase.EXECUTE, 1, 1, Set.of(Phase.EXECUTE), true));
    assertThat(store().events("wc-a", 0).getLast().data())
        .containsEntry("resume_attempt", 1)
        .containsEntry("resume_at", "human_gate");
    // the attempt that waited passes at its gate, and says that a human let it through
    h.pass("wc-a", claimed.token(), Phase.EXECUTE, 1);
    assertThat(store().events("wc-a", 0).getLast().data()).containsEntry("human_gate", "approved");
  }

  @Test
  void aRejectionBlocksTheCommission() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    store()
        .execute(new Command.WaitForHuman("wc-a", lease, "w", Phase.EXECUTE, "approval"))
        .orThrow();
    store().execute(new Command.Reject("wc-a", "op", "too risky")).orThrow();
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.BLOCKED_POLICY);
  }

  @Test
  void completeNeedsEveryPhaseOfTheWorkflowPassed() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    assertRefused(
        store().execute(new Command.Complete("wc-a", lease, "c1", Workflow.DEFAULT, false)),
        ErrorCode.LIFECYCLE_FORBIDDEN);
    store()
        .execute(new Command.Complete("wc-a", lease, "c2", Workflow.of(Phase.PREFLIGHT), false))
        .orThrow();
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.COMPLETED);
    assertThat(store().runs("wc-a"))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.endedAt()).isNotNull();
              assertThat(run.outcome()).startsWith("completed");
            });
  }

  @Test
  void evidenceIsRecordedUnderTheLease() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    store()
        .execute(
            new Command.RecordEvidence(
                "wc-a", lease, "e1", Phase.MEASURE, 2, "unit-tests", Map.of("exit_code", 0)))
        .orThrow();
    assertThat(store().evidence("wc-a"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("unit-tests");
              assertThat(((Number) e.facts().get("exit_code")).intValue()).isZero();
            });
    assertThat(store().events("wc-a", 0).getLast())
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.EVIDENCE_RECORDED);
              assertThat(e.attempt()).as("the attempt the evidence belongs to").isEqualTo(2);
            });
  }

  @Test
  void verifyFindsNothingWrongWithAStoreWrittenThroughCommands() {
    h.create(commission("wc-a"));
    LeaseToken lease = h.running("wc-a");
    h.start("wc-a", lease, Phase.FRAME, 1);
    h.fail("wc-a", lease, Phase.FRAME, 1, true);
    h.create(commission("wc-b"));
    store().execute(new Command.Cancel("wc-b", "op", "stop")).orThrow();
    assertThat(store().verify()).isEmpty();
  }

  @Test
  void decisionsKeepRevisionsAndCanBeSuperseded() {
    var d = store().decisions().add("dec-a", "Use timeouts", "first");
    var revised = store().decisions().revise("dec-a", null, "second");
    assertThat(revised.revisions()).hasSize(2);
    assertThat(revised.revision()).isNotEqualTo(d.revision());
    store().decisions().add("dec-b", "Better", "");
    var superseded = store().decisions().supersede("dec-a", "dec-b");
    assertThat(superseded.status().wire()).isEqualTo("superseded");
    assertThat(superseded.supersededBy()).isEqualTo("dec-b");
    assertThat(superseded.freshFor(revised.revision())).isFalse();
    assertThatThrownBy(() -> store().decisions().add("dec-a", "again", ""))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error().code()).isEqualTo(ErrorCode.INTAKE_CONFLICT));
    assertThatThrownBy(() -> store().decisions().revise("dec-zz", null, ""))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void intakeOfSeveralIsAllOrNothing() {
    h.create(commission("wc-a"));
    var results =
        store()
            .intakeAll(List.of(commission("wc-new"), Fixtures.withBody(commission("wc-a"), "x")));
    assertThat(results.get(1)).isInstanceOf(CommandResult.Refused.class);
    assertThat(store().find("wc-new")).isEmpty();
    assertThat(store().events("wc-a", 0).getLast().type()).isEqualTo(EventType.INTAKE_CONFLICT);
  }

  @Test
  void anUnknownCommissionIsNotFound() {
    assertRefused(store().execute(new Command.Cancel("wc-none", "op", "x")), ErrorCode.NOT_FOUND);
    assertThat(store().find("wc-none")).isEqualTo(Optional.empty());
  }

  @Test
  void verifyReportsARowThatItsEventsDoNotExplain() throws Exception {
    h.create(commission("wc-a"));
    h.create(commission("wc-b"));
    try (var c = java.sql.DriverManager.getConnection(url);
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE commissions SET state = 'completed' WHERE id = 'wc-b'");
    }
    var problems = store().verify();
    assertThat(problems)
        .filteredOn(p -> p.commissionId().equals("wc-b"))
        .singleElement()
        .satisfies(p -> assertThat(p.problem()).contains("state"));
    // The row moved behind the store's back: the state counts no longer agree with the rows.
    assertThat(problems)
        .filteredOn(p -> !p.commissionId().equals("wc-b"))
        .extracting(p -> p.commissionId() + ": " + p.problem())
        .containsExactlyInAnyOrder(
            "counters: counter commissions{completed} is 0 but the rows say 1",
            "counters: counter commissions{queued} is 2 but the rows say 1");
  }

  @Test
  void theEventLogRefusesUpdatesAndDeletes() throws Exception {
    h.create(commission("wc-a"));
    try (var c = java.sql.DriverManager.getConnection(url);
        var s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE events SET type = 'completed'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM events"))
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void aStoreWrittenByANewerSchemaIsRefusedWithAClearMessage() throws Exception {
    store().close();
    try (var c = java.sql.DriverManager.getConnection(url);
        var s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'V099__future.sql', 0)");
    }
    assertThatThrownBy(() -> Stores.open(url, clock, new SplittableRandom(1)))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(ErrorCode.SCHEMA_TOO_NEW);
              assertThat(e.getMessage()).contains("schema version 99").contains("newer sleigh");
            });
    h = new StoreHarness(Stores.open(newStoreUrlAgain(), clock, new SplittableRandom(1)), clock);
  }

  @Test
  void reopeningAStoreKeepsItsCommissionsAndAppliesNoMigrationTwice() {
    h.create(commission("wc-a"));
    store().close();
    h = new StoreHarness(Stores.open(url, clock, new SplittableRandom(1)), clock);
    assertThat(h.record("wc-a").state()).isEqualTo(CommissionState.QUEUED);
  }

  /** A fresh store for the rest of a test whose own store was made unusable on purpose. */
  String newStoreUrlAgain() {
    url = newStoreUrl();
    return url;
  }

  String claimNext() {
    return store().claim(Claim.next("runner-a", StoreHarness.TTL)).orElseThrow().record().id();
  }

  static void assertRefused(CommandResult result, ErrorCode code) {
    assertThat(result)
        .isInstanceOfSatisfying(
            CommandResult.Refused.class, r -> assertThat(r.error().code()).isEqualTo(code));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aWatchHearsWorkCreatedInThisProcessAndInAnother() throws Exception {
    try (WorkWatch watch = store().watchWork();
        CommissionStore other = Stores.open(url, clock, new SplittableRandom(8))) {
      // The first look opens the watch's connection (PostgreSQL: a LISTEN, answered as news).
      watch.await(Duration.ofMillis(50));
      assertThat(watch.await(Duration.ofMillis(50))).as("nothing happened").isFalse();

      h.create(commission("wc-here"));
      assertThat(watch.await(Duration.ofSeconds(30))).as("created by this store").isTrue();

      other.intake(commission("wc-there"), "there").orThrow();
      assertThat(watch.await(Duration.ofSeconds(30))).as("created by another process").isTrue();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aReleasedLeaseIsHeardAsWorkWhileARunnersOwnProgressIsNot() throws Exception {
    h.create(commission("wc-a"));
    try (WorkWatch watch = store().watchWork()) {
      watch.await(Duration.ofMillis(50));
      while (watch.await(Duration.ofMillis(50))) {
        // what was committed before the watch began
      }
      LeaseToken lease = h.claim("wc-a").token();
      h.start("wc-a", lease, Phase.PREFLIGHT, 1);
      if (url.startsWith("jdbc:postgresql:")) {
        // PostgreSQL hears only what announces work; SQLite's watch sees every commit to the file.
        assertThat(watch.await(Duration.ofMillis(200))).isFalse();
      }
      store().execute(new Command.Release("wc-a", lease, "rel", "let go")).orThrow();
      assertThat(watch.await(Duration.ofSeconds(30))).as("a released lease is work").isTrue();
    }
  }
}
