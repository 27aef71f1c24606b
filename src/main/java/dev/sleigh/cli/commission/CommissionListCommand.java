package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.cli.text.CommissionText;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.CommissionView;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sleigh commission list [--state S]}. */
@Command(name = "list", description = "List commissions, oldest first.")
final class CommissionListCommand extends StoreVerb {
  @Option(names = "--state", paramLabel = "S", description = "Only commissions in this state.")
  String state;

  CommissionListCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    Optional<CommissionState> filter = parseState(state);
    List<CommissionView> views = store.list(filter).stream().map(CommissionView::of).toList();
    output().result(new CommissionView.Listing(views), out -> CommissionText.table(out, views));
    return ExitCodes.OK;
  }

  static Optional<CommissionState> parseState(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String valid =
        Arrays.stream(CommissionState.values())
            .map(CommissionState::wire)
            .collect(Collectors.joining(", "));
    return Optional.of(
        CommissionState.fromWire(text)
            .orElseThrow(
                () ->
                    CliFailure.invalid(
                        "--state: unknown state '" + text + "'; valid states: " + valid)));
  }
}
