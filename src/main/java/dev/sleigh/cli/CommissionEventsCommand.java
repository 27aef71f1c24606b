package dev.sleigh.cli;

import dev.sleigh.view.EventView;
import dev.sleigh.store.CommissionStore;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sleigh commission events ID}: the commission's event log, in order. */
@Command(name = "events", description = "List a commission's events in order.")
final class CommissionEventsCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  CommissionEventsCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    require(store, id);
    List<EventView> events = EventView.of(store.events(id, 0));
    output().result(new EventView.Listing(events), out -> CommissionText.events(out, events));
    return ExitCodes.OK;
  }
}
