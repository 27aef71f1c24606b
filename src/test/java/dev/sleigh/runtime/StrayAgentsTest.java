package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.lifecycle.Claim;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which local processes a runner ends before it works on a commission it claimed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StrayAgentsTest {
  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
  final List<Process> started = new ArrayList<>();
  CommissionStore store;

  @BeforeEach
  void open() {
    store = Stores.open(Stores.defaultUrl(dir.resolve("home")), clock, new SplittableRandom(3));
  }

  @AfterEach
  void close() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    store.close();
  }

  private Process tagged(String runId, String commissionId) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sleep", "600");
    pb.environment().putAll(new RunTags(runId, commissionId).env());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  @Test
  void aClaimEndsTheProcessesOfEarlierRunsOfItsCommissionButNotThoseOfAnotherStore()
      throws Exception {
    store.intake(Fixtures.commission("wc-s"), "c").orThrow();
    String earlier =
        store.claim(Claim.next("runner-a", Duration.ofSeconds(2))).orElseThrow().runId();
    clock.tick(Duration.ofSeconds(3));
    String current =
        store.claim(Claim.next("runner-b", Duration.ofSeconds(2))).orElseThrow().runId();
    Process ofEarlierRun = tagged(earlier, "wc-s");
    Process ofAnotherStore = tagged("ls-of-another-store", "wc-s");

    new StrayAgents(store).reapOthers("wc-s", current);

    assertThat(ofEarlierRun.waitFor(10, TimeUnit.SECONDS)).as("the earlier run's process").isTrue();
    assertThat(ofAnotherStore.isAlive())
        .as("a process of a commission with the same id in another store")
        .isTrue();
  }
}
