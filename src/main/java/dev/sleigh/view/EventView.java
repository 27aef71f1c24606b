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

  /**
   * {@code GET /api/v1/commissions/ID/events}: the listing's {@code events} after sequence number
   * {@code after}, at most {@code limit} of them, and the {@code nextAfter} to ask for next (null
   * when none follow).
   */
  public record Page(List<EventView> events, long after, int limit, Long nextAfter) {
    public Page {
      events = List.copyOf(events);
    }
  }
}
