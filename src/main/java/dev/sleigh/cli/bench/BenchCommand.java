package dev.sleigh.cli.bench;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.http.StoreMetrics;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Runners;
import dev.sleigh.store.jdbc.BulkSeed;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.view.StatusReport;
import dev.sleigh.view.StatusView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code sleigh bench}: seeds a scratch store with finished and in-flight commissions and times
 * {@code status} and the first {@code /metrics} scrape over it, and the store alone driving
 * commissions through preflight and frame on it and on an empty store ({@link Throughput}); {@code
 * sleigh bench checkpoints} ({@link BenchCheckpointsCommand}) times checkpoints instead. Run {@code
 * ./scripts/bench} to refresh docs/benchmarks.md.
 */
@CommandLine.Command(
    name = "bench",
    description =
        "Time status on a scratch store with many finished commissions;"
            + " 'bench checkpoints' times checkpoints.",
    subcommands = BenchCheckpointsCommand.class)
public final class BenchCommand extends Verb {
  private static final int BATCH = 5_000;

  @Option(
      names = "--finished",
      description = "Finished (cancelled) commissions to seed (default 100000).")
  int finished = 100_000;

  @Option(names = "--in-flight", description = "Commissions held by a live runner (default 50).")
  int inFlight = 50;

  @Option(names = "--runs", description = "Timed status builds (default 30).")
  int runs = 30;

  @Option(
      names = "--drive",
      description =
          "Commissions per round driven through preflight and frame with no agent, to time the"
              + " store alone on an empty and on the seeded store (default 300; 0: none).")
  int drive = 300;

  @Option(names = "--rounds", description = "Rounds of --drive on each store (default 3).")
  int rounds = 3;

  BenchCommand(CliEnvironment env) {
    super(env);
  }

  record BenchView(
      String store,
      int finished,
      int inFlight,
      int runs,
      double seedSeconds,
      double medianMs,
      double p95Ms,
      double maxMs,
      int statusInFlight,
      double firstScrapeMs,
      double nextScrapeMs,
      Throughput.View throughput) {}

  @Override
  protected int execute() {
    // Only an explicit --store is seeded; by default the bench never touches the operator's store.
    Optional<String> explicit = options.explicitStore();
    String storeUrl = explicit.orElseGet(() -> Stores.defaultUrl(scratch()));
    // Store-only throughput on an empty store is measured on a second scratch store, in rounds
    // alternating with the seeded one; an explicit store is measured once before it is seeded.
    Optional<String> emptyUrl =
        explicit.isPresent() ? Optional.empty() : Optional.of(Stores.defaultUrl(scratch()));
    try (CommissionStore store = Stores.open(storeUrl, env.clock(), env.random());
        CommissionStore empty =
            emptyUrl.map(u -> Stores.open(u, env.clock(), env.random())).orElse(null)) {
      String revision = store.decisions().add("dec-bench", "Bench", "").revision();
      Throughput throughput = new Throughput(drive);
      String emptyRevision =
          empty == null ? null : empty.decisions().add("dec-bench", "Bench", "").revision();
      if (empty != null) {
        throughput.warmUp(empty, emptyRevision);
      } else {
        for (int round = 0; round < rounds; round++) {
          throughput.empty(store, revision);
        }
      }
      long seedStart = System.nanoTime();
      seed(store, revision);
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      double[] ms = new double[runs];
      StatusView last = null;
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        last = new StatusReport(store, env.clock().instant(), Duration.ofSeconds(60)).build();
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      StoreMetrics metrics = new StoreMetrics(store);
      long t0 = System.nanoTime();
      metrics.scrape();
      double firstScrape = (System.nanoTime() - t0) / 1e6;
      long t1 = System.nanoTime();
      metrics.scrape();
      double nextScrape = (System.nanoTime() - t1) / 1e6;
      for (int round = 0; round < rounds; round++) {
        if (empty != null) {
          throughput.empty(empty, emptyRevision);
        }
        throughput.seeded(store, revision);
      }
      BenchView view =
          new BenchView(
              storeUrl.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql",
              finished,
              inFlight,
              runs,
              seedSeconds,
              ms[runs / 2],
              ms[(int) Math.ceil(runs * 0.95) - 1],
              ms[runs - 1],
              last.inFlight().size(),
              firstScrape,
              nextScrape,
              throughput.view(drive, rounds));
      output()
          .result(
              view,
              out -> {
                out.printf(
                    "status over %d finished + %d in flight (%s): median %.1f ms,"
                        + " p95 %.1f ms, max %.1f ms (seeded in %.1f s); /metrics first scrape %.0f ms, next %.0f ms%n",
                    finished,
                    inFlight,
                    view.store(),
                    view.medianMs(),
                    view.p95Ms(),
                    view.maxMs(),
                    seedSeconds,
                    firstScrape,
                    nextScrape);
                if (drive > 0) {
                  Throughput.View tv = view.throughput();
                  out.printf(
                      "store only (preflight + frame, no agent), %d commissions x %d rounds,"
                          + " %d transitions each: empty store %.1f commissions/s (%.0f transitions/s),"
                          + " with %d finished %.1f commissions/s (%.0f transitions/s): %.0f%% of empty%n",
                      drive,
                      rounds,
                      Throughput.TRANSITIONS,
                      tv.emptyPerSecond(),
                      tv.emptyPerSecond() * Throughput.TRANSITIONS,
                      finished,
                      tv.seededPerSecond(),
                      tv.seededPerSecond() * Throughput.TRANSITIONS,
                      100 * tv.ratio());
                }
              });
      return ExitCodes.OK;
    }
  }

  /**
   * The finished commissions are copies of one driven through the store-only workflow, written
   * straight into the tables: seeding through commands would take longer than the measurement.
   */
  private void seed(CommissionStore store, String revision) {
    if (finished > 0) {
      String template = "wc-done-0";
      store.intake(BenchCommissions.of(template, revision), null).orThrow();
      Throughput.complete(store, Throughput.claimNext(store));
      BulkSeed.copies(
          store, template, finished - 1, i -> BenchCommissions.of("wc-done-" + (i + 1), revision));
    }
    store.runners().register(new Runners.RunnerInfo("bench-runner", "bench", 1, null, null, null));
    List<Commission> live = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      live.add(BenchCommissions.of("wc-live-" + i, revision));
    }
    store.intakeAll(live).forEach(r -> r.orThrow());
    for (int i = 0; i < inFlight; i++) {
      // A live commission that could not be claimed would leave the bench measuring the wrong mix.
      var unused =
          store
              .claim(
                  new Claim(
                      "bench-runner",
                      Duration.ofHours(1),
                      Workflow.DEFAULT,
                      RetryPolicy.DEFAULT,
                      "wc-live-" + i))
              .orElseThrow();
    }
  }

  private Path scratch() {
    try {
      return Files.createTempDirectory("sleigh-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }
}
