package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.cli.text.CommissionText;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.CommissionView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sleigh commission show ID}. */
@Command(name = "show", description = "Show where one commission stands.")
final class CommissionShowCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission to show.")
  String id;

  CommissionShowCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    var record = require(store, id);
    CommissionView view = CommissionView.of(record);
    output()
        .result(
            view,
            out -> {
              CommissionText.show(out, view);
              CommissionText.spec(out, record.spec());
            });
    return ExitCodes.OK;
  }
}
