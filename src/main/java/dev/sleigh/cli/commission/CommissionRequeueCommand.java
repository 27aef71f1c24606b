package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommissionStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh commission requeue ID --reason R}: a new generation with a new retry budget. */
@picocli.CommandLine.Command(
    name = "requeue",
    description = "Put a commission back in the queue: new generation, new retry budget.")
final class CommissionRequeueCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  @Option(names = "--reason", required = true, paramLabel = "R", description = "Why (recorded).")
  String reason;

  CommissionRequeueCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    return report("requeued", store.execute(new Command.Requeue(id, operatorCommandId(), reason)));
  }
}
