package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh bench} seeds finished commissions straight into the tables, times status and the
 * first scrape over them, and drives commissions through the store alone on an empty and on the
 * seeded store; the seeded store is one that {@code verify} finds nothing wrong with.
 */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void seedsAStoreVerifyAcceptsAndTimesTheStoreOnBoth() {
    CliHarness cli = new CliHarness(dir);
    String url = "jdbc:sqlite:" + dir.resolve("bench.db");

    CliHarness.Result r =
        cli.run(
            "--store",
            url,
            "bench",
            "--finished",
            "40",
            "--in-flight",
            "2",
            "--runs",
            "2",
            "--drive",
            "3",
            "--rounds",
            "2",
            "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode view = r.json();
    assertThat(view.path("finished").asInt()).isEqualTo(40);
    JsonNode throughput = view.path("throughput");
    assertThat(throughput.path("transitions_per_commission").asInt()).isEqualTo(7);
    assertThat(throughput.path("empty_per_second").asDouble()).isPositive();
    assertThat(throughput.path("seeded_per_second").asDouble()).isPositive();
    try (CommissionStore store =
        Stores.openExisting(url, InstantSource.system(), new SplittableRandom(1))) {
      // 40 seeded (one driven, 39 copied); an explicit store is driven 2 rounds of 3 before it is
      // seeded and 2 after.
      assertThat(store.countByState().get(dev.sleigh.domain.CommissionState.COMPLETED))
          .isEqualTo(52);
      assertThat(store.verify()).isEmpty();
    }
  }
}
