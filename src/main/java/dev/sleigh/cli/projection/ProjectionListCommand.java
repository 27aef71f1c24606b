package dev.sleigh.cli.projection;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.ProjectionView;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sleigh projection list [--all]}. */
@Command(
    name = "list",
    description = "List unpublished projections (debts first marked DEBT) with their last error.")
final class ProjectionListCommand extends StoreVerb {
  @Option(names = "--all", description = "Also list projections already published.")
  boolean all;

  ProjectionListCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    List<ProjectionView> views =
        store.projections().list().stream()
            .map(ProjectionView::of)
            .filter(v -> all || !v.status().equals("published"))
            .toList();
    output().result(new ProjectionView.Listing(views), out -> table(out, views));
    return ExitCodes.OK;
  }

  private static void table(PrintStream out, List<ProjectionView> views) {
    if (views.isEmpty()) {
      out.println("No projections to show.");
      return;
    }
    out.printf(
        "%-24s %-9s %-5s %-8s %-26s %s%n",
        "ID", "STATUS", "DEBT", "ATTEMPTS", "RETRY AT", "LAST ERROR");
    for (ProjectionView v : views) {
      out.printf(
          "%-24s %-9s %-5s %-8d %-26s %s%n",
          v.commissionId(),
          v.status(),
          v.debt() ? "yes" : "",
          v.attempts(),
          v.retryAt() == null ? "-" : v.retryAt().toString(),
          v.lastError() == null ? "" : v.lastError());
    }
  }
}
