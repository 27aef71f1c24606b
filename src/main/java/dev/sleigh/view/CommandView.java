package dev.sleigh.view;

import dev.sleigh.store.CommandResult;
import java.util.List;

/**
 * The result of an operator command: whether it changed anything, the commission after it, and the
 * events it appended.
 */
public record CommandView(boolean applied, CommissionView commission, List<EventView> events) {

  public static CommandView of(CommandResult.Done done) {
    return new CommandView(
        done.applied(), CommissionView.of(done.record()), EventView.of(done.events()));
  }
}
