package dev.sleigh.cli.decision;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.DecisionView;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code sleigh decision list}. */
@Command(name = "list", description = "List every decision.")
final class DecisionListCommand extends StoreVerb {

  DecisionListCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    List<DecisionView> views = store.decisions().list().stream().map(DecisionView::of).toList();
    output()
        .result(
            new DecisionView.Listing(views),
            out -> {
              if (views.isEmpty()) {
                out.println("no decisions");
              }
              for (DecisionView d : views) {
                out.printf(
                    "%-24s %-10s r%-3d %.12s  %s%n",
                    d.id(), d.status(), d.revisionNumber(), d.revision(), d.title());
              }
            });
    return ExitCodes.OK;
  }
}
