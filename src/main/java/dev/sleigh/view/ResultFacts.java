package dev.sleigh.view;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.store.EvidenceRecord;
import dev.sleigh.store.RuntimeRun;
import java.util.List;
import java.util.Objects;

/** What the store knows about one commission, as {@code result} reads it. */
public record ResultFacts(
    CommissionRecord commission,
    List<Event> events,
    List<EvidenceRecord> evidence,
    List<RuntimeRun> runs) {

  public ResultFacts {
    Objects.requireNonNull(commission, "commission");
    events = List.copyOf(events);
    evidence = List.copyOf(evidence);
    runs = List.copyOf(runs);
  }

  /** The events of the commission's current generation, in order. */
  public List<Event> currentEvents() {
    return events.stream().filter(e -> e.generation() == commission.generation()).toList();
  }
}
