package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommissionStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh commission cancel ID --reason R}: stops it for good; a runner holding it stops. */
@picocli.CommandLine.Command(
    name = "cancel",
    description = "Cancel a commission; a runner working on it stops within the grace period.")
final class CommissionCancelCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  @Option(names = "--reason", required = true, paramLabel = "R", description = "Why (recorded).")
  String reason;

  CommissionCancelCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    return report("cancelled", store.execute(new Command.Cancel(id, operatorCommandId(), reason)));
  }
}
