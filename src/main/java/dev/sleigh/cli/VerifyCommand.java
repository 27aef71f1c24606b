package dev.sleigh.cli;

import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.VerifyView;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code sleigh verify}: every commission's row must be what its events say. */
@Command(
    name = "verify",
    description = "Audit the event log: every commission's state explained by its events.")
final class VerifyCommand extends StoreVerb {

  VerifyCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    int checked = store.list(Optional.empty()).size();
    VerifyView view = VerifyView.of(checked, store.verify());
    output()
        .result(
            view,
            out -> {
              view.problems().forEach(p -> out.println(p.commissionId() + ": " + p.problem()));
              out.println(
                  view.ok()
                      ? "ok: " + checked + " commissions, every state explained by its events"
                      : view.problems().size() + " problem(s) in " + checked + " commissions");
            });
    return view.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
