package dev.sleigh.http;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Runners;
import dev.sleigh.testkit.MutableClock;
import dev.sleigh.view.StatusSettings;
import java.time.Duration;
import java.util.Set;

/**
 * What follows {@link StoreStory} for status to show everything it can, judged by a human gate that
 * escalates after an hour and expires after two: a commission in every state the story lacks (the
 * expired approval blocks by policy), approvals pending, escalated and past expiry, an approval
 * expired and rejected as a runner's sweep rejects it, a retry still scheduled, one commission in
 * preflight under the live runner, and a stopped runner beside the live and the dead one.
 */
final class EveryStateStory {
  static final Safeguards.HumanGate GATE =
      new Safeguards.HumanGate(Set.of(), null, Duration.ofHours(1), Duration.ofHours(2));
  static final StatusSettings SETTINGS = new StatusSettings(ServedStore.LEASE_TTL, GATE);

  /** The same gate as {@code sleigh.md} says it, for the CLI run in the store's directory. */
  static final String SLEIGH_MD =
      "---\ngates: {human: {escalate_after: 1h, expire_after: 2h}}\n---\n";

  static final String EXPIRED_APPROVAL = "wc-approval-expired";
  static final String PAST_EXPIRY = "wc-approval-past-expiry";
  static final String ESCALATED = "wc-approval-escalated";
  static final String PENDING = "wc-approval-pending";
  static final String STOPPED_RUNNER = "runner-stopped";

  private final CommissionStore store;
  private final MutableClock clock;
  private final StoreStory story;

  EveryStateStory(CommissionStore store, MutableClock clock) {
    this.store = store;
    this.clock = clock;
    this.story = new StoreStory(store, clock);
  }

  /** The seed of {@link StoreStory}, its cancellations, then this story. */
  EveryStateStory tell(ServedStore served) {
    story.seed().cancelBoth(served);
    store
        .runners()
        .register(new Runners.RunnerInfo(STOPPED_RUNNER, "build-3", 99, null, null, null));
    store.runners().stopped(STOPPED_RUNNER);
    for (String id :
        new String[] {
          EXPIRED_APPROVAL,
          PAST_EXPIRY,
          ESCALATED,
          PENDING,
          "wc-stale",
          "wc-conflict",
          "wc-debt",
          "wc-preflight",
          "wc-retry-late"
        }) {
      story.intake(id, "Story of " + id);
    }
    story.intake("wc-expired", "Story of wc-expired", clock.instant().plus(Duration.ofHours(1)));
    approvals();
    blocked("wc-stale", CommissionState.BLOCKED_STALE);
    blocked("wc-conflict", CommissionState.BLOCKED_CONFLICT);
    completedWithDebt("wc-debt");
    store.execute(new Command.Expire("wc-expired", story.next())).orThrow();
    story.waitingForApproval(PENDING);
    LeaseToken retry = story.claim(StoreStory.LIVE_RUNNER, "wc-retry-late", StoreStory.LONG_LEASE);
    story.pass("wc-retry-late", retry, Phase.PREFLIGHT, 1, Duration.ofSeconds(4));
    story.fail("wc-retry-late", retry, Phase.FRAME, 1, Duration.ofSeconds(1), "turn_timeout");
    LeaseToken inFlight =
        story.claim(StoreStory.LIVE_RUNNER, "wc-preflight", StoreStory.LONG_LEASE);
    story.start("wc-preflight", inFlight, Phase.PREFLIGHT, 1);
    store.runners().heartbeat(StoreStory.LIVE_RUNNER);
    return this;
  }

  private void approvals() {
    story.waitingForApproval(EXPIRED_APPROVAL);
    clock.tick(GATE.expireAfter().plusMinutes(1));
    store
        .execute(
            new Command.Reject(
                EXPIRED_APPROVAL, story.next(), "approval_expired: no decision within 2h"))
        .orThrow();
    story.waitingForApproval(PAST_EXPIRY);
    clock.tick(Duration.ofMinutes(30));
    story.waitingForApproval(ESCALATED);
    clock.tick(Duration.ofMinutes(95));
  }

  private void blocked(String id, CommissionState state) {
    LeaseToken lease = story.claim(StoreStory.LIVE_RUNNER, id, StoreStory.LONG_LEASE);
    story.start(id, lease, Phase.PREFLIGHT, 1);
    store
        .execute(
            new Command.Block(
                id, lease, story.next(), state, state.wire() + ": story", Phase.PREFLIGHT))
        .orThrow();
  }

  private void completedWithDebt(String id) {
    LeaseToken lease = story.claim(StoreStory.LIVE_RUNNER, id, StoreStory.LONG_LEASE);
    for (Phase p : Phase.values()) {
      story.pass(id, lease, p, 1, Duration.ofSeconds(5));
    }
    store.execute(new Command.Complete(id, lease, story.next(), Workflow.DEFAULT, true)).orThrow();
  }
}
