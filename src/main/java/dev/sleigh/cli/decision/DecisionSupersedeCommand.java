package dev.sleigh.cli.decision;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.store.CommissionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh decision supersede ID --by ID2}. */
@Command(
    name = "supersede",
    description = "Mark a decision superseded by another; its commissions become stale.")
final class DecisionSupersedeCommand extends DecisionVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The decision that no longer stands.")
  String id;

  @Option(
      names = "--by",
      required = true,
      paramLabel = "ID2",
      description = "The decision that replaces it.")
  String by;

  DecisionSupersedeCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    return print("superseded", store.decisions().supersede(id, by));
  }
}
