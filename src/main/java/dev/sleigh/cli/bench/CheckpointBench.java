package dev.sleigh.cli.bench;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.CheckpointPack;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.Checkpoints;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.Git;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One scenario of {@code sleigh bench checkpoints}: a scratch repository of {@code files} files, a
 * workspace of it in which {@code changed} files get new content before every run, and a clone of
 * the repository standing for another host. A run times what a runner does after a turn — {@link
 * Checkpoints#take} (snapshot, commit, pack) and the store write of the turn with its pack — and
 * what another host does before the next phase: read the latest checkpoint and its pack from the
 * store, make a workspace at the checkpoint's base, and {@link Checkpoints#restore} into it. The
 * snapshot alone is timed too, apart, as the share of taking that grows with the repository. Every
 * run makes a new checkpoint (the content names the run), so every pack is new to the store and to
 * the other host.
 */
final class CheckpointBench {
  /** Lines of every file of a scratch repository; about 1 KiB a file. */
  private static final int LINES = 16;

  /** Milliseconds per timed run of each step, and the pack size of each run in bytes. */
  record Measured(
      int files,
      int changed,
      long[] packBytes,
      double[] takeMs,
      double[] storeMs,
      double[] snapshotMs,
      double[] readMs,
      double[] prepareMs,
      double[] restoreMs) {
    static Measured of(int files, int changed, int runs) {
      return new Measured(
          files,
          changed,
          new long[runs],
          new double[runs],
          new double[runs],
          new double[runs],
          new double[runs],
          new double[runs],
          new double[runs]);
    }

    /** Taking and storing, per run: what a turn costs the runner. */
    double[] turnMs() {
      return sum(takeMs, storeMs);
    }

    /** Reading, making the workspace and restoring, per run: what a move to another host costs. */
    double[] restoreTotalMs() {
      return sum(sum(readMs, prepareMs), restoreMs);
    }

    private static double[] sum(double[] a, double[] b) {
      double[] out = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i] + b[i];
      }
      return out;
    }
  }

  /** Median, 95th percentile and maximum of some runs' values. */
  record Spread(double median, double p95, double max) {
    static Spread of(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return new Spread(sorted[n / 2], sorted[(int) Math.ceil(n * 0.95) - 1], sorted[n - 1]);
    }

    static Spread of(long[] values) {
      return of(Arrays.stream(values).asDoubleStream().toArray());
    }
  }

  private final Git git;
  private final CommissionStore store;
  private final String decisionRevision;

  CheckpointBench(Git git, CommissionStore store) {
    this.git = git;
    this.store = store;
    this.decisionRevision = store.decisions().add("dec-bench-checkpoints", "Bench", "").revision();
  }

  /**
   * {@code runs} timed runs after one untimed, under {@code dir} (which must not exist yet), as
   * commission {@code id}.
   */
  Measured run(String id, Path dir, int files, int changed, int runs) {
    if (Files.exists(dir)) {
      throw new IllegalStateException(dir + " exists already");
    }
    Path repo = createRepository(dir.resolve("repo"), files);
    Path otherRepo = dir.resolve("other-host/repo");
    git.run(dir, "clone", "-q", repo.toString(), otherRepo.toString());
    Commission here = commission(id, repo);
    Commission there = commission(id, otherRepo);
    Workspace ws = new Workspaces(dir.resolve("workspaces"), git).prepare(here);
    Workspaces otherHost = new Workspaces(dir.resolve("other-host/workspaces"), git);
    LeaseToken lease = executing(here);
    Checkpoints checkpoints = new Checkpoints(git);
    Diffs diffs = new Diffs(git);
    Measured m = Measured.of(files, changed, runs);
    for (int run = 0; run <= runs; run++) {
      change(ws.path(), files, changed, run);
      long t0 = System.nanoTime();
      Checkpoints.Taken taken = checkpoints.take(ws);
      long t1 = System.nanoTime();
      store
          .execute(new Command.RecordTurn(id, lease, "bench-turn-" + run, 1, run + 1, pack(taken)))
          .orThrow();
      long t2 = System.nanoTime();
      diffs.snapshot(ws);
      long t3 = System.nanoTime();

      // Another host, before the next phase: as a runner makes its workspace hold the latest.
      CheckpointRef ref = CheckpointRef.latest(store.events(id, 0)).orElseThrow();
      byte[] stored = store.checkpointPack(id, ref.commit()).orElseThrow();
      long t4 = System.nanoTime();
      Workspace fresh = otherHost.prepare(there, ref.base());
      long t5 = System.nanoTime();
      Checkpoints.Checkpoint checkpoint =
          new Checkpoints.Checkpoint(ref.commit(), ref.tree(), ref.base());
      checkpoints.restore(fresh, checkpoint, stored);
      long t6 = System.nanoTime();
      if (!ref.commit().equals(taken.checkpoint().commit())
          || !checkpoints.holds(fresh, checkpoint)) {
        throw new IllegalStateException("the restored workspace does not hold the checkpoint");
      }
      otherHost.remove(id, otherRepo);
      int i = run - 1;
      if (i >= 0) {
        m.packBytes()[i] = taken.size();
        m.takeMs()[i] = ms(t1 - t0);
        m.storeMs()[i] = ms(t2 - t1);
        m.snapshotMs()[i] = ms(t3 - t2);
        m.readMs()[i] = ms(t4 - t3);
        m.prepareMs()[i] = ms(t5 - t4);
        m.restoreMs()[i] = ms(t6 - t5);
      }
    }
    return m;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** A commission of the scenario, claimed and at execute attempt 1, as a runner holds it. */
  private LeaseToken executing(Commission c) {
    store.intakeAll(List.of(c)).forEach(r -> r.orThrow());
    LeaseToken lease =
        store
            .claim(
                new Claim(
                    "bench-runner",
                    Duration.ofHours(1),
                    Workflow.DEFAULT,
                    RetryPolicy.DEFAULT,
                    c.id()))
            .orElseThrow()
            .token();
    List<Command> steps =
        List.of(
            new Command.PhaseStarted(c.id(), lease, "bench-p1", Phase.PREFLIGHT, 1),
            new Command.PhasePassed(c.id(), lease, "bench-p2", Phase.PREFLIGHT, 1),
            new Command.PhaseStarted(c.id(), lease, "bench-e1", Phase.EXECUTE, 1));
    steps.forEach(s -> store.execute(s).orThrow());
    return lease;
  }

  private static CheckpointPack pack(Checkpoints.Taken taken) {
    Checkpoints.Checkpoint c = taken.checkpoint();
    return new CheckpointPack(
        new CheckpointRef(c.commit(), c.tree(), c.base(), taken.size()), taken.pack());
  }

  /** {@code files} files of {@link #LINES} lines under {@code src/}, a hundred to a directory. */
  private Path createRepository(Path repo, int files) {
    try {
      for (int f = 0; f < files; f++) {
        Path file = repo.resolve(path(f));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content(f, "base"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git.run(repo, "init", "-q", "-b", "main");
    git.run(repo, "add", "--all");
    git.with(
            Map.of(
                "GIT_AUTHOR_NAME", "bench",
                "GIT_AUTHOR_EMAIL", "bench@localhost",
                "GIT_COMMITTER_NAME", "bench",
                "GIT_COMMITTER_EMAIL", "bench@localhost"))
        .run(repo, "commit", "-q", "--no-gpg-sign", "-m", "bench base");
    return repo;
  }

  /** Gives {@code changed} files, spread over the repository, content that names {@code run}. */
  private static void change(Path ws, int files, int changed, int run) {
    int step = Math.max(1, files / changed);
    try {
      for (int k = 0; k < changed; k++) {
        int f = (k * step) % files;
        Files.writeString(ws.resolve(path(f)), content(f, "run " + run));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String path(int f) {
    return "src/d%03d/f%05d.txt".formatted(f / 100, f);
  }

  private static String content(int f, String version) {
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < LINES; line++) {
      text.append("file ")
          .append(f)
          .append(" line ")
          .append(line)
          .append(": ")
          .append(version)
          .append(" lorem ipsum dolor sit amet, consectetur adipiscing elit\n");
    }
    return text.toString();
  }

  private Commission commission(String id, Path repo) {
    return BenchCommissions.of(id, "dec-bench-checkpoints", decisionRevision, repo.toString());
  }
}
