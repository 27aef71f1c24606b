package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.cli.text.CommissionText;
import dev.sleigh.domain.Event;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.EventView;
import dev.sleigh.view.ViewJson;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh commission events ID [--follow]}: the commission's event log, in order. */
@Command(
    name = "events",
    description = "List a commission's events in order; --follow streams new ones.")
final class CommissionEventsCommand extends StoreVerb {
  /** How often a follower looks for new events; the store has no push channel to wait on. */
  static final Duration FOLLOW_POLL = Duration.ofMillis(250);

  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  @Option(
      names = {"-f", "--follow"},
      description =
          "Keep printing events as they land (with --json: one JSON object per line), until interrupted.")
  boolean follow;

  CommissionEventsCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    require(store, id);
    if (follow) {
      return follow(store);
    }
    List<EventView> events = EventView.of(store.events(id, 0));
    output().result(new EventView.Listing(events), out -> CommissionText.events(out, events));
    return ExitCodes.OK;
  }

  private int follow(CommissionStore store) {
    long seen = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        List<Event> fresh = store.events(id, seen);
        for (EventView e : EventView.of(fresh)) {
          if (options.json()) {
            env.out().println(ViewJson.compact(e));
          } else {
            CommissionText.events(env.out(), List.of(e));
          }
        }
        env.out().flush();
        if (!fresh.isEmpty()) {
          seen = fresh.getLast().seq();
        }
        Thread.sleep(FOLLOW_POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }
}
