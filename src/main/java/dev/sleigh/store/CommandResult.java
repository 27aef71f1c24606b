package dev.sleigh.store;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.lifecycle.StoreError;
import java.util.List;

/** What a command did: applied (or replayed as a no-op), or refused with a typed error. */
public sealed interface CommandResult {

  /**
   * The command holds. {@code applied} is false for a replay of an applied command id and for a
   * fact that already held; {@code events} are the events the command appended (or, on replay, the
   * ones it appended the first time).
   */
  record Done(boolean applied, CommissionRecord record, List<Event> events)
      implements CommandResult {
    public Done {
      events = List.copyOf(events);
    }
  }

  /** The command changed nothing and appended nothing. */
  record Refused(StoreError error) implements CommandResult {}

  /** The {@link Done} result, or a {@link StoreException} carrying the refusal. */
  default Done orThrow() {
    return switch (this) {
      case Done done -> done;
      case Refused refused -> throw new StoreException(refused.error());
    };
  }
}
