package dev.sleigh.cli.bench;

import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.CommissionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store alone, as a runner's calls reach it when no phase runs an agent: each commission is
 * created, claimed, started and passed through preflight and frame, and completed, one transaction
 * per transition; each claim comes after what a runner's tick reads first (a sweep, ended runs).
 * Rounds on an empty and on a seeded store give the cost of a stored history.
 */
final class Throughput {
  static final Workflow STORE_ONLY = Workflow.of(Phase.PREFLIGHT, Phase.FRAME);

  /** Create, claim, two starts, two passes, complete. */
  static final int TRANSITIONS = 7;

  private static final String HOST = "bench-host";
  private static final Duration ORPHAN_WINDOW = Duration.ofMinutes(10);
  private static final Claim CLAIM =
      new Claim("bench-drive", Duration.ofMinutes(10), STORE_ONLY, RetryPolicy.DEFAULT, null);

  /**
   * Store-only throughput: median commissions per second over the rounds, on an empty store and on
   * the seeded one, and their ratio (seeded / empty); zeros when {@code --drive 0}.
   */
  record View(
      int commissionsPerRound,
      int rounds,
      int transitionsPerCommission,
      double emptyPerSecond,
      double seededPerSecond,
      double ratio) {}

  private final int perRound;
  private final List<Double> empty = new ArrayList<>();
  private final List<Double> seeded = new ArrayList<>();
  private int made;

  Throughput(int perRound) {
    this.perRound = perRound;
  }

  /** A round on the empty store whose rate is not kept: the JIT's first pass over the path. */
  void warmUp(CommissionStore store, String revision) {
    if (perRound > 0) {
      round(store, revision);
    }
  }

  void empty(CommissionStore store, String revision) {
    if (perRound > 0) {
      empty.add(round(store, revision));
    }
  }

  void seeded(CommissionStore store, String revision) {
    if (perRound > 0) {
      seeded.add(round(store, revision));
    }
  }

  View view(int commissionsPerRound, int rounds) {
    double e = median(empty);
    double s = median(seeded);
    return new View(commissionsPerRound, rounds, TRANSITIONS, e, s, e == 0 ? 0 : s / e);
  }

  /** Commissions per second of one round. */
  private double round(CommissionStore store, String revision) {
    long start = System.nanoTime();
    for (int i = 0; i < perRound; i++) {
      String id = "wc-drive-" + made++;
      store.intake(BenchCommissions.of(id, revision), "create:" + id).orThrow();
    }
    for (int i = 0; i < perRound; i++) {
      tick(store);
      complete(store, claimNext(store));
    }
    return perRound / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * What a runner's tick asks of the store before it claims: a sweep, and the runs of this host
   * that ended lately with an agent (orphan clean-up). Done before every claim, as by a runner
   * whose every tick claims one commission: the most a stored history can weigh on the path.
   */
  private static void tick(CommissionStore store) {
    var unusedSweep = store.sweep(RetryPolicy.DEFAULT);
    var unusedRuns = store.endedRunsWithAgents(HOST, Instant.now().minus(ORPHAN_WINDOW));
  }

  static Claimed claimNext(CommissionStore store) {
    return store
        .claim(CLAIM)
        .orElseThrow(() -> new IllegalStateException("the bench found nothing to claim"));
  }

  /** Passes preflight and frame under the claim and completes the commission. */
  static void complete(CommissionStore store, Claimed claimed) {
    String id = claimed.record().id();
    LeaseToken lease = claimed.token();
    for (Phase p : STORE_ONLY.phases()) {
      store.execute(new Command.PhaseStarted(id, lease, "start:" + p.wire(), p, 1)).orThrow();
      store.execute(new Command.PhasePassed(id, lease, "pass:" + p.wire(), p, 1)).orThrow();
    }
    store.execute(new Command.Complete(id, lease, "complete", STORE_ONLY, false)).orThrow();
  }

  private static double median(List<Double> rates) {
    if (rates.isEmpty()) {
      return 0;
    }
    List<Double> sorted = rates.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
