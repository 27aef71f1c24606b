package dev.sleigh.cli.plan;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.PlanView;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sleigh plan show ID}: the plan's revision and each entry's commission and state. */
@Command(name = "show", description = "Show a plan's entries, their commissions and states.")
final class PlanShowCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The plan to show.")
  String id;

  PlanShowCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    PlanView view =
        store
            .plans()
            .find(id)
            .map(p -> PlanView.of(p, store))
            .orElseThrow(() -> CliFailure.notFound("no plan '" + id + "'"));
    output().result(view, out -> print(out, view));
    return ExitCodes.OK;
  }

  static void print(PrintStream out, PlanView view) {
    out.println(
        "plan " + view.id() + "  revision " + view.revision() + "  (" + view.source() + ")");
    int width = view.entries().stream().mapToInt(e -> e.commission().length()).max().orElse(10);
    for (PlanView.EntryView e : view.entries()) {
      out.println(
          ("  %-" + width + "s  %-22s %s%s")
              .formatted(
                  e.commission(),
                  e.state() + (e.reason() == null ? "" : " (" + e.reason() + ")"),
                  e.dependsOn().isEmpty() ? "" : "after " + String.join(", ", e.dependsOn()),
                  e.queue() == null || e.queue().equals("default") ? "" : "  queue " + e.queue())
              .stripTrailing());
    }
  }
}
