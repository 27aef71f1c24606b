package dev.sleigh.cli.delivery;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.domain.ByteSizes;
import dev.sleigh.runtime.Hooks;
import dev.sleigh.runtime.WorkspaceCollector;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.GcView;
import dev.sleigh.workspace.Workspaces;
import java.io.PrintStream;
import java.time.Instant;
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
public final class GcCommand extends DeliveryVerb {
  @Option(names = "--dry-run", description = "Only list what would be removed.")
  boolean dryRun;

  GcCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store, Workspaces workspaces) {
    var config = RunSetup.config(env, options, options.home(env));
    var beforeRemove =
        WorkspaceCollector.BeforeRemove.of(
            new Hooks(config.safeguards().hooks(), config.engine().cancelGrace()),
            options.home(env).resolve("logs"));
    Instant endedBefore = env.clock().instant().minus(config.workspace().checkpointRetention());
    var collection =
        new WorkspaceCollector(store, workspaces, beforeRemove).collect(endedBefore, dryRun);
    GcView view = view(collection);
    output().result(view, out -> print(out, view));
    return collection.removalFailed() ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private static GcView view(WorkspaceCollector.Collection collection) {
    return new GcView(
        collection.removed().stream().map(GcCommand::entry).toList(),
        collection.kept().stream().map(GcCommand::entry).toList(),
        collection.checkpoints().stream()
            .map(
                c ->
                    new GcView.CheckpointsEntry(
                        c.commissionId(), c.state().wire(), c.count(), c.bytes()))
            .toList());
  }

  private static GcView.Entry entry(WorkspaceCollector.WorkspaceEntry e) {
    return new GcView.Entry(
        e.commissionId(), e.state().wire(), e.path().toString(), e.keptBecause().orElse(null));
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
                        + ByteSizes.format(c.bytes())
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
}
