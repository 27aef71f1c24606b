package dev.sleigh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives one store through commands the way a runner and an operator would. */
final class StoreHarness {
  static final Duration TTL = Duration.ofSeconds(60);

  final CommissionStore store;
  final MutableClock clock;
  private final AtomicInteger commandIds = new AtomicInteger();

  StoreHarness(CommissionStore store, MutableClock clock) {
    this.store = store;
    this.clock = clock;
  }

  String nextCommandId() {
    return "cmd-" + commandIds.incrementAndGet();
  }

  CommissionRecord create(Commission c) {
    return store.intake(c, nextCommandId()).orThrow().record();
  }

  Claimed claim(String id) {
    return store
        .claim(new Claim("runner-a", TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, id))
        .orElseThrow(() -> new AssertionError("expected to claim " + id));
  }

  CommandResult.Done start(String id, LeaseToken lease, Phase phase, int attempt) {
    return store
        .execute(new Command.PhaseStarted(id, lease, nextCommandId(), phase, attempt))
        .orThrow();
  }

  CommandResult.Done pass(String id, LeaseToken lease, Phase phase, int attempt) {
    return store
        .execute(new Command.PhasePassed(id, lease, nextCommandId(), phase, attempt))
        .orThrow();
  }

  CommandResult fail(String id, LeaseToken lease, Phase phase, int attempt, boolean retryable) {
    return store.execute(
        new Command.PhaseFailed(
            id,
            lease,
            nextCommandId(),
            new Command.PhaseFailure(phase, attempt, "stalled", retryable, RetryPolicy.DEFAULT)));
  }

  /** Claims and passes preflight: the commission is running under the returned lease. */
  LeaseToken running(String id) {
    LeaseToken lease = claim(id).token();
    start(id, lease, Phase.PREFLIGHT, 1);
    pass(id, lease, Phase.PREFLIGHT, 1);
    assertThat(record(id).state().wire()).isEqualTo("running");
    return lease;
  }

  CommissionRecord record(String id) {
    return store.find(id).orElseThrow();
  }

  int eventCount(String id) {
    return store.events(id, 0).size();
  }
}
