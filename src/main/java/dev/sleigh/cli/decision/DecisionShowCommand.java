package dev.sleigh.cli.decision;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.domain.Decision;
import dev.sleigh.store.CommissionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sleigh decision show ID}. */
@Command(name = "show", description = "Show a decision and its revisions.")
final class DecisionShowCommand extends DecisionVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The decision to show.")
  String id;

  DecisionShowCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    Decision decision =
        store
            .decisions()
            .find(id)
            .orElseThrow(() -> CliFailure.notFound("no decision '" + id + "'"));
    print(null, decision);
    if (!options.json()) {
      for (Decision.Revision r : decision.revisions()) {
        env.out().println("  revision " + r.number() + "  " + r.hash() + "  " + r.createdAt());
      }
      if (!decision.current().body().isBlank()) {
        env.out().println();
        env.out().println(decision.current().body().stripTrailing());
      }
    }
    return ExitCodes.OK;
  }
}
