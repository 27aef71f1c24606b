package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommissionStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh reject ID --reason R}: refuses the human gate; the commission is blocked. */
@picocli.CommandLine.Command(
    name = "reject",
    description = "Reject a commission waiting for a human; it becomes blocked_policy.")
public final class RejectCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  @Option(names = "--reason", required = true, paramLabel = "R", description = "Why (recorded).")
  String reason;

  RejectCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    return report("rejected", store.execute(new Command.Reject(id, operatorCommandId(), reason)));
  }
}
