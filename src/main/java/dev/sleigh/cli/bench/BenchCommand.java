package dev.sleigh.cli.bench;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.http.StoreMetrics;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Runners;
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
import picocli.CommandLine.Option;

/**
 * {@code sleigh bench}: seeds a scratch store with finished and in-flight commissions and times
 * {@code status} over it; {@code sleigh bench checkpoints} ({@link BenchCheckpointsCommand}) times
 * checkpoints instead. Run {@code ./scripts/bench} to refresh docs/benchmarks.md.
 */
@picocli.CommandLine.Command(
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
      double nextScrapeMs) {}

  @Override
  protected int execute() {
    // Only an explicit --store is seeded; by default the bench never touches the operator's store.
    String storeUrl = options.explicitStore().orElseGet(() -> Stores.defaultUrl(scratch()));
    try (CommissionStore store = Stores.open(storeUrl, env.clock(), env.random())) {
      long seedStart = System.nanoTime();
      seed(store);
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
              nextScrape);
      output()
          .result(
              view,
              out ->
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
                      nextScrape));
      return ExitCodes.OK;
    }
  }

  private void seed(CommissionStore store) {
    String revision = store.decisions().add("dec-bench", "Bench", "").revision();
    for (int from = 0; from < finished; from += BATCH) {
      List<Commission> batch = new ArrayList<>();
      List<Command> cancels = new ArrayList<>();
      for (int i = from; i < Math.min(finished, from + BATCH); i++) {
        batch.add(commission("wc-done-" + i, revision));
        cancels.add(new Command.Cancel("wc-done-" + i, "bench", "seeded as finished"));
      }
      store.intakeAll(batch).forEach(r -> r.orThrow());
      store.executeAll(cancels).forEach(r -> r.orThrow());
    }
    store.runners().register(new Runners.RunnerInfo("bench-runner", "bench", 1, null, null, null));
    List<Commission> live = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      live.add(commission("wc-live-" + i, revision));
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

  private static Commission commission(String id, String revision) {
    return commission(id, "dec-bench", revision, "/tmp/bench-repo");
  }

  /** A bench commission of decision {@code decision} at {@code revision} on {@code repo}. */
  static Commission commission(String id, String decision, String revision, String repo) {
    return new Commission(
        id,
        "Bench " + id,
        new Commission.DecisionRef(decision, revision),
        null,
        new Commission.Repo(repo, null, "main"),
        new Commission.Scope(List.of("src/**"), List.of(), List.of()),
        List.of(),
        null,
        null,
        null,
        List.of(),
        Commission.DEFAULT_PRIORITY,
        null,
        "");
  }

  private Path scratch() {
    try {
      return Files.createTempDirectory("sleigh-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }
}
