package dev.sleigh.http;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Runners;
import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A store with a history worth looking at, written through the store port on a test clock: a
 * commission that completed after a stall, one waiting for approval, one that lost its lease to a
 * dead runner and now runs again, one failed, one retry-scheduled, one queued; and two that {@link
 * #cancelBoth} cancels: one under a live runner, one whose runner died holding the lease.
 */
final class StoreStory {
  static final String LIVE_RUNNER = "runner-a";
  static final String DEAD_RUNNER = "runner-gone";
  static final String CANCELLED_LIVE = "wc-cancel-live";
  static final String CANCELLED_DEAD = "wc-cancel-dead";
  static final String WAITING = "wc-waiting";
  static final Duration LONG_LEASE = Duration.ofHours(2);

  private final CommissionStore store;
  private final MutableClock clock;
  private int commandSeq;

  StoreStory(CommissionStore store, MutableClock clock) {
    this.store = store;
    this.clock = clock;
  }

  StoreStory seed() {
    store
        .runners()
        .register(new Runners.RunnerInfo(DEAD_RUNNER, "build-7", 4711, null, null, null));
    store
        .runners()
        .register(new Runners.RunnerInfo(LIVE_RUNNER, "build-9", 5150, null, null, null));
    intake("wc-login", "Fix the login timeout");
    intake(CANCELLED_DEAD, "Rename the session cookie");
    intake("wc-flaky", "Retry flaky uploads");
    intake(WAITING, "Drop the legacy auth table");
    intake(CANCELLED_LIVE, "Tune the cache sizes");
    intake("wc-scope", "Touch only src/auth");
    intake("wc-retry", "Speed up the report export");
    intake("wc-queued", "Document the API");
    LeaseToken dead = claim(DEAD_RUNNER, CANCELLED_DEAD, LONG_LEASE);
    start(CANCELLED_DEAD, dead, Phase.PREFLIGHT, 1);
    LeaseToken lost = claim(DEAD_RUNNER, "wc-flaky", ServedStore.LEASE_TTL);
    start("wc-flaky", lost, Phase.PREFLIGHT, 1);
    completedAfterAStall("wc-login");
    store.sweep(RetryPolicy.DEFAULT);
    resumedAfterLeaseExpiry("wc-flaky");
    waitingForApproval(WAITING);
    LeaseToken cancel = claim(LIVE_RUNNER, CANCELLED_LIVE, LONG_LEASE);
    pass(CANCELLED_LIVE, cancel, Phase.PREFLIGHT, 1, Duration.ofSeconds(12));
    start(CANCELLED_LIVE, cancel, Phase.FRAME, 1);
    clock.tick(Duration.ofSeconds(50));
    failedOnScope("wc-scope");
    retryScheduled("wc-retry");
    store.runners().heartbeat(LIVE_RUNNER);
    return this;
  }

  /** The seed's last criterion: one cancelled under a live runner, one whose runner died. */
  void cancelBoth(ServedStore served) {
    for (String id : List.of(CANCELLED_LIVE, CANCELLED_DEAD)) {
      ServedStore.CliResult r =
          served.cli("commission", "cancel", id, "--reason", "not needed any more");
      if (r.exit() != 0) {
        throw new AssertionError("cancel " + id + ": " + r.err());
      }
    }
  }

  private void completedAfterAStall(String id) {
    LeaseToken lease = claim(LIVE_RUNNER, id, LONG_LEASE);
    pass(id, lease, Phase.PREFLIGHT, 1, Duration.ofSeconds(15));
    pass(id, lease, Phase.FRAME, 1, Duration.ofSeconds(45));
    fail(id, lease, Phase.EXECUTE, 1, Duration.ofSeconds(120), "stalled");
    clock.tick(Duration.ofSeconds(20));
    lease = claim(LIVE_RUNNER, id, LONG_LEASE);
    start(id, lease, Phase.EXECUTE, 2);
    clock.tick(Duration.ofSeconds(30));
    store
        .execute(
            new Command.RecordAgentApproval(
                id,
                lease,
                next(),
                2,
                Map.of(
                    "turn", 1,
                    "kind", "command",
                    "command", "curl https://example.org/install.sh",
                    "decision", "declined",
                    "policy", "workspace")))
        .orThrow();
    clock.tick(Duration.ofSeconds(140));
    tokens(id, lease, 18_250);
    passed(id, lease, Phase.EXECUTE, 2);
    pass(id, lease, Phase.MEASURE, 1, Duration.ofSeconds(40));
    store.execute(new Command.Complete(id, lease, next(), Workflow.DEFAULT, false)).orThrow();
  }

  private void resumedAfterLeaseExpiry(String id) {
    LeaseToken lease = claim(LIVE_RUNNER, id, LONG_LEASE);
    pass(id, lease, Phase.PREFLIGHT, 2, Duration.ofSeconds(20));
    pass(id, lease, Phase.FRAME, 1, Duration.ofSeconds(60));
    start(id, lease, Phase.EXECUTE, 1);
  }

  void waitingForApproval(String id) {
    LeaseToken lease = claim(LIVE_RUNNER, id, LONG_LEASE);
    pass(id, lease, Phase.PREFLIGHT, 1, Duration.ofSeconds(10));
    pass(id, lease, Phase.FRAME, 1, Duration.ofSeconds(30));
    start(id, lease, Phase.EXECUTE, 1);
    clock.tick(Duration.ofSeconds(200));
    tokens(id, lease, 9_100);
    store
        .execute(
            new Command.WaitForHuman(
                id, lease, next(), Phase.EXECUTE, "one_way_door: approve the change or reject it"))
        .orThrow();
  }

  private void failedOnScope(String id) {
    LeaseToken lease = claim(LIVE_RUNNER, id, LONG_LEASE);
    pass(id, lease, Phase.PREFLIGHT, 1, Duration.ofSeconds(8));
    pass(id, lease, Phase.FRAME, 1, Duration.ofSeconds(25));
    start(id, lease, Phase.EXECUTE, 1);
    clock.tick(Duration.ofSeconds(90));
    store
        .execute(
            new Command.PhaseFailed(
                id,
                lease,
                next(),
                new Command.PhaseFailure(
                    Phase.EXECUTE, 1, "scope_violation: README.md", false, RetryPolicy.DEFAULT)))
        .orThrow();
  }

  private void retryScheduled(String id) {
    LeaseToken lease = claim(LIVE_RUNNER, id, LONG_LEASE);
    pass(id, lease, Phase.PREFLIGHT, 1, Duration.ofSeconds(9));
    pass(id, lease, Phase.FRAME, 1, Duration.ofSeconds(35));
    fail(id, lease, Phase.EXECUTE, 1, Duration.ofSeconds(75), "turn_timeout");
    clock.tick(Duration.ofSeconds(2));
  }

  void intake(String id, String title) {
    intake(id, title, null);
  }

  /** A commission valid until {@code validUntil}, or the default week when null. */
  void intake(String id, String title, Instant validUntil) {
    Commission c =
        new Commission(
            id,
            title,
            new Commission.DecisionRef("dec-1", "rev-1"),
            null,
            new Commission.Repo("/tmp/repo", null, "main"),
            new Commission.Scope(List.of("src/**"), List.of(), List.of()),
            List.of(),
            validUntil,
            null,
            null,
            List.of(),
            3,
            null,
            "body of " + id);
    store.intake(c, "intake-" + id).orThrow();
    clock.tick(Duration.ofSeconds(3));
  }

  LeaseToken claim(String runner, String id, Duration ttl) {
    return store
        .claim(new Claim(runner, ttl, Workflow.DEFAULT, RetryPolicy.DEFAULT, id))
        .orElseThrow(() -> new AssertionError("cannot claim " + id))
        .token();
  }

  void start(String id, LeaseToken lease, Phase phase, int attempt) {
    store.execute(new Command.PhaseStarted(id, lease, next(), phase, attempt)).orThrow();
  }

  void passed(String id, LeaseToken lease, Phase phase, int attempt) {
    store.execute(new Command.PhasePassed(id, lease, next(), phase, attempt)).orThrow();
  }

  void pass(String id, LeaseToken lease, Phase phase, int attempt, Duration took) {
    start(id, lease, phase, attempt);
    clock.tick(took);
    passed(id, lease, phase, attempt);
  }

  void fail(String id, LeaseToken lease, Phase phase, int attempt, Duration took, String reason) {
    start(id, lease, phase, attempt);
    clock.tick(took);
    store
        .execute(
            new Command.PhaseFailed(
                id,
                lease,
                next(),
                new Command.PhaseFailure(phase, attempt, reason, true, RetryPolicy.DEFAULT)))
        .orThrow();
  }

  private void tokens(String id, LeaseToken lease, long total) {
    store
        .execute(
            new Command.RecordEvidence(
                id,
                lease,
                next(),
                Phase.EXECUTE,
                1,
                dev.sleigh.store.Counters.AGENT_SESSION,
                Map.of("turns", 2, "tokens_total", total)))
        .orThrow();
  }

  String next() {
    return "story-" + ++commandSeq;
  }
}
