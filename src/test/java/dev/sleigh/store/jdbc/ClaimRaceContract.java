package dev.sleigh.store.jdbc;

import static dev.sleigh.testkit.Fixtures.commission;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two claimers, each with its own connection to the same database, race for one commission a
 * thousand times: every race has exactly one winner.
 */
abstract class ClaimRaceContract {
  static final int RACES = 1_000;

  abstract String newStoreUrl();

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void twoClaimersRacingForOneCommissionNeverBothWin() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    String url = newStoreUrl();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (CommissionStore a = Stores.open(url, clock, new SplittableRandom(1));
        CommissionStore b = Stores.open(url, clock, new SplittableRandom(2))) {
      CyclicBarrier barrier = new CyclicBarrier(2);
      for (int i = 0; i < RACES; i++) {
        String id = "wc-race-" + i;
        a.intake(commission(id), "create").orThrow();
        Future<Optional<Claimed>> first = pool.submit(() -> claim(a, "runner-a", id, barrier));
        Future<Optional<Claimed>> second = pool.submit(() -> claim(b, "runner-b", id, barrier));
        List<Optional<Claimed>> results =
            List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        assertThat(results.stream().filter(Optional::isPresent).count())
            .as("race %d", i)
            .isEqualTo(1);
        assertThat(a.find(id).orElseThrow().lease().epoch()).isEqualTo(1);
      }
      assertThat(a.verify()).isEmpty();
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Optional<Claimed> claim(
      CommissionStore store, String runner, String id, CyclicBarrier barrier) throws Exception {
    barrier.await(30, TimeUnit.SECONDS);
    return store.claim(
        new Claim(runner, Duration.ofSeconds(60), Workflow.DEFAULT, RetryPolicy.DEFAULT, id));
  }
}
