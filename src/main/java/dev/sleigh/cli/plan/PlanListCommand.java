package dev.sleigh.cli.plan;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.PlanView;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code sleigh plan list}: every plan with its revision and the state of its entries. */
@Command(name = "list", description = "List the plans and how far each has come.")
final class PlanListCommand extends StoreVerb {

  PlanListCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    List<PlanView> plans = store.plans().list().stream().map(p -> PlanView.of(p, store)).toList();
    output()
        .result(
            new PlanView.Listing(plans),
            out -> {
              if (plans.isEmpty()) {
                out.println("no plans");
              }
              for (PlanView p : plans) {
                long completed =
                    p.entries().stream().filter(e -> e.state().equals("completed")).count();
                out.println(
                    "%s  revision %s  %d/%d completed"
                        .formatted(p.id(), p.revision(), completed, p.entries().size()));
              }
            });
    return ExitCodes.OK;
  }
}
