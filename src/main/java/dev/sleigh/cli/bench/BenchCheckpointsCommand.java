package dev.sleigh.cli.bench;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.domain.ByteSizes;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.workspace.Git;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code sleigh bench checkpoints}: times checkpoints on scratch repositories — taking and storing
 * one after a turn, restoring one on another host — for a one-file change in a small repository,
 * and for a one-file and a many-file change in a large one. Everything it makes goes into one
 * scratch directory, removed at the end. Run {@code ./scripts/bench} to refresh docs/benchmarks.md.
 */
@picocli.CommandLine.Command(
    name = "checkpoints",
    description =
        "Time taking, storing and restoring checkpoints on scratch repositories of a few"
            + " and of many files.")
final class BenchCheckpointsCommand extends Verb {
  @Option(names = "--small-files", description = "Files of the small repository (default 100).")
  int smallFiles = 100;

  @Option(names = "--files", description = "Files of the large repository (default 10000).")
  int files = 10_000;

  @Option(
      names = "--changed",
      description = "Files changed per turn in the large repository's wide change (default 1000).")
  int changed = 1_000;

  @Option(names = "--runs", description = "Timed runs per scenario (default 20).")
  int runs = 20;

  @Option(
      names = "--dir",
      description =
          "Where the scratch directory is made (default: the system's temporary directory);"
              + " put it on the disk the workspaces live on.")
  Path dir;

  BenchCheckpointsCommand(CliEnvironment env) {
    super(env);
  }

  /** One timed step of a scenario, in milliseconds. */
  record StepView(String step, double medianMs, double p95Ms, double maxMs) {
    static StepView of(String step, double[] ms) {
      CheckpointBench.Spread s = CheckpointBench.Spread.of(ms);
      return new StepView(step, s.median(), s.p95(), s.max());
    }
  }

  record ScenarioView(
      String scenario,
      int files,
      int changed,
      long packBytesMedian,
      long packBytesMax,
      List<StepView> steps) {}

  record CheckpointBenchView(String store, int runs, List<ScenarioView> scenarios) {}

  /** The steps in the order they are printed; indented ones are parts of the one above. */
  private static final List<String> STEPS =
      List.of(
          "checkpoint per turn",
          "  take: snapshot, commit, pack",
          "  store the turn with its pack",
          "  (the snapshot alone)",
          "restore on another host",
          "  read checkpoint and pack",
          "  workspace at the base",
          "  load pack, write tree");

  @Override
  protected int execute() {
    for (var value : List.of(smallFiles, files, changed, runs)) {
      if (value < 1) {
        throw CliFailure.invalid("--small-files, --files, --changed and --runs must be positive");
      }
    }
    if (changed > files) {
      throw CliFailure.invalid("--changed cannot be more than --files");
    }
    Path scratch = scratch();
    try {
      // Only an explicit --store is written to; by default the bench never touches the operator's.
      String storeUrl =
          options.explicitStore().orElseGet(() -> Stores.defaultUrl(scratch.resolve("store")));
      List<ScenarioView> scenarios = new ArrayList<>();
      try (CommissionStore store = Stores.open(storeUrl, env.clock(), env.random())) {
        CheckpointBench bench = new CheckpointBench(new Git(), store);
        int n = 0;
        for (int[] s :
            List.of(new int[] {smallFiles, 1}, new int[] {files, 1}, new int[] {files, changed})) {
          n++;
          String name = "%d of %d files changed".formatted(s[1], s[0]);
          output().note("bench checkpoints: " + name + "...");
          CheckpointBench.Measured m =
              bench.run(
                  "wc-bench-checkpoints-" + n, scratch.resolve("scenario-" + n), s[0], s[1], runs);
          scenarios.add(view(name, m));
        }
      }
      CheckpointBenchView view =
          new CheckpointBenchView(
              storeUrl.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql", runs, scenarios);
      output().result(view, out -> print(out, view));
      return ExitCodes.OK;
    } finally {
      deleteTree(scratch);
    }
  }

  private static ScenarioView view(String name, CheckpointBench.Measured m) {
    CheckpointBench.Spread pack = CheckpointBench.Spread.of(m.packBytes());
    List<double[]> values =
        List.of(
            m.turnMs(),
            m.takeMs(),
            m.storeMs(),
            m.snapshotMs(),
            m.restoreTotalMs(),
            m.readMs(),
            m.prepareMs(),
            m.restoreMs());
    List<StepView> steps = new ArrayList<>();
    for (int i = 0; i < STEPS.size(); i++) {
      steps.add(StepView.of(STEPS.get(i).strip(), values.get(i)));
    }
    return new ScenarioView(
        name, m.files(), m.changed(), (long) pack.median(), (long) pack.max(), steps);
  }

  private static void print(PrintStream out, CheckpointBenchView view) {
    out.printf(
        "checkpoints, %d timed runs per scenario after one untimed (%s store)%n",
        view.runs(), view.store());
    for (ScenarioView s : view.scenarios()) {
      out.printf(
          "%n%s: pack median %s, max %s%n",
          s.scenario(), ByteSizes.format(s.packBytesMedian()), ByteSizes.format(s.packBytesMax()));
      out.printf("  %-34s %9s %9s %9s%n", "ms", "median", "p95", "max");
      for (int i = 0; i < s.steps().size(); i++) {
        StepView step = s.steps().get(i);
        out.printf(
            "  %-34s %9.1f %9.1f %9.1f%n",
            STEPS.get(i), step.medianMs(), step.p95Ms(), step.maxMs());
      }
    }
  }

  private Path scratch() {
    try {
      Path parent = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent.toAbsolutePath(), "sleigh-bench-checkpoints");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }

  /** Best effort: a failure to clean up must not hide what the bench measured or why it failed. */
  private void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      output().note("sleigh: could not remove the scratch directory " + root + ": " + e);
    }
  }
}
