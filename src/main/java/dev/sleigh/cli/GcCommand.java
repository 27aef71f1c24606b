package dev.sleigh.cli;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.runtime.Hooks;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.GcView;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sleigh gc}: removes the workspaces of terminal commissions (completed,
 * completed_with_projection_debt, cancelled, expired). Every other workspace is kept: a failed or
 * blocked commission may be requeued and continue on its work, and a running one is in use. The
 * checkpoints of a terminal commission go from the store once it has ended {@code
 * workspace.checkpoint_retention} (default 30 days) ago; until then {@code result}, {@code diff}
 * and {@code apply} work from them on any host.
 */
@Command(
    name = "gc",
    description =
        "Remove the workspaces of terminal commissions (completed,"
            + " cancelled, expired); never those of others.")
final class GcCommand extends DeliveryVerb {
  @Option(names = "--dry-run", description = "Only list what would be removed.")
  boolean dryRun;

  /**
   * Runs before a workspace is removed and may keep it, saying why. This is where the {@code
   * before_remove} hook (SPEC §4.2) plugs in; until then nothing is run.
   */
  interface BeforeRemove {
    BeforeRemove NONE = (record, workspace) -> Optional.empty();

    Optional<String> keepBecause(CommissionRecord record, Path workspace);
  }

  GcCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store, Workspaces workspaces) {
    List<GcView.Entry> removed = new ArrayList<>();
    List<GcView.Entry> kept = new ArrayList<>();
    for (CommissionRecord record : store.list(Optional.empty())) {
      Path path = workspaces.pathFor(record.id());
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        Optional<String> why = collect(record, path, workspaces);
        (why.isPresent() ? kept : removed)
            .add(
                new GcView.Entry(
                    record.id(), record.state().wire(), path.toString(), why.orElse(null)));
      }
    }
    GcView view = new GcView(removed, kept, checkpoints(store));
    output().result(view, out -> print(out, view));
    boolean failed = kept.stream().anyMatch(k -> k.why().startsWith("could not remove"));
    return failed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** Removes (or, dry, lists) the checkpoints of commissions that ended past the retention. */
  private List<GcView.CheckpointsEntry> checkpoints(CommissionStore store) {
    Duration retention =
        RunSetup.config(env, options, options.home(env)).workspace().checkpointRetention();
    Instant endedBefore = env.clock().instant().minus(retention);
    List<GcView.CheckpointsEntry> out = new ArrayList<>();
    for (CommissionRecord record : store.list(Optional.empty())) {
      if (!record.state().terminal() || record.updatedAt().isAfter(endedBefore)) {
        continue;
      }
      var stored = store.checkpoints(record.id());
      if (stored.isEmpty()) {
        continue;
      }
      long bytes = stored.stream().mapToLong(c -> c.ref().size()).sum();
      if (!dryRun) {
        store.removeCheckpoints(record.id());
      }
      out.add(
          new GcView.CheckpointsEntry(record.id(), record.state().wire(), stored.size(), bytes));
    }
    return out;
  }

  private void print(PrintStream out, GcView view) {
    String verb = dryRun ? "would remove " : "removed ";
    view.checkpoints()
        .forEach(
            c ->
                out.println(
                    verb
                        + c.count()
                        + " checkpoint(s) of "
                        + c.commissionId()
                        + " ("
                        + c.state()
                        + ", "
                        + dev.sleigh.domain.ByteSizes.format(c.bytes())
                        + ")"));
    view.removed()
        .forEach(e -> out.println(verb + e.commissionId() + " (" + e.state() + "): " + e.path()));
    view.kept().forEach(e -> out.println("kept " + e.commissionId() + ": " + e.why()));
    out.println(
        view.removed().size()
            + (dryRun ? " to remove, " : " removed, ")
            + view.kept().size()
            + " kept");
  }

  private BeforeRemove beforeRemove;

  /** The configured {@code hooks.before_remove}: a blocking failure keeps the workspace. */
  private BeforeRemove beforeRemove() {
    if (beforeRemove == null) {
      beforeRemove = configuredBeforeRemove();
    }
    return beforeRemove;
  }

  private BeforeRemove configuredBeforeRemove() {
    var config = RunSetup.config(env, options, options.home(env));
    Hooks hooks = new Hooks(config.safeguards().hooks(), config.engine().cancelGrace());
    Path logs = options.home(env).resolve("logs");
    return (record, workspace) -> {
      try {
        return hooks.beforeRemove(
            workspace, logs.resolve(record.id()).resolve("before_remove.log"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while its before_remove hook ran");
      }
    };
  }

  /** Removes one workspace; the reason it was kept instead, if it was. */
  private Optional<String> collect(CommissionRecord record, Path path, Workspaces workspaces) {
    if (!record.state().terminal()) {
      return Optional.of(record.state().wire() + " is not terminal");
    }
    Optional<String> hook = dryRun ? Optional.empty() : beforeRemove().keepBecause(record, path);
    if (hook.isPresent() || dryRun) {
      return hook;
    }
    String repo = record.spec().repo().path();
    try {
      workspaces.remove(record.id(), repo == null ? null : Path.of(repo));
      return Optional.empty();
    } catch (WorkspaceException e) {
      return Optional.of("could not remove: " + e.getMessage());
    }
  }
}
