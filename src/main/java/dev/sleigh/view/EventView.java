package dev.sleigh.view;

import dev.sleigh.domain.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One appended event, as {@code commission events --json} lists it. */
public record EventView(
    long seq,
    int generation,
    String type,
    String phase,
    int attempt,
    long epoch,
    Instant at,
    String commandId,
    Map<String, Object> data) {

  public static EventView of(Event e) {
    return new EventView(
        e.seq(),
        e.generation(),
        e.type().wire(),
        CommissionView.wire(e.phase()),
        e.attempt(),
        e.epoch(),
        e.at(),
        e.commandId(),
        e.data());
  }

  public static List<EventView> of(List<Event> events) {
    return events.stream().map(EventView::of).toList();
  }

  /** {@code commission events --json}. */
  public record Listing(List<EventView> events) {}
}
