package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommissionStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh approve ID [--reason R]}: passes the human gate of a waiting commission. */
@picocli.CommandLine.Command(
    name = "approve",
    description = "Approve a commission waiting for a human; it resumes after the gate.")
public final class ApproveCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  @Option(names = "--reason", paramLabel = "R", description = "Why (recorded).")
  String reason;

  @Option(
      names = "--snapshot",
      paramLabel = "HASH",
      description =
          "The snapshot hash you reviewed (commission show); refused if the commission has another.")
  String snapshot;

  ApproveCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    return report(
        "approved", store.execute(new Command.Approve(id, operatorCommandId(), reason, snapshot)));
  }
}
