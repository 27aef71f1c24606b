package dev.sleigh.lifecycle;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Numbers the events one command appends: next sequence, current generation and epoch. */
final class Emitter {
  private final String commissionId;
  private final Instant at;
  private final String commandId;
  private final List<Event> events = new ArrayList<>();
  private long seq;
  private int generation;
  private long epoch;

  Emitter(CommissionRecord record, Instant at, String commandId) {
    this.commissionId = record.id();
    this.at = at;
    this.commandId = commandId;
    this.seq = record.lastSeq();
    this.generation = record.generation();
    this.epoch = record.lease().epoch();
  }

  Emitter nextEpoch() {
    epoch++;
    return this;
  }

  Emitter nextGeneration() {
    generation++;
    return this;
  }

  long epoch() {
    return epoch;
  }

  Emitter emit(EventType type, Map<String, Object> data) {
    return emit(type, null, 0, data);
  }

  Emitter emit(EventType type, Phase phase, int attempt, Map<String, Object> data) {
    Map<String, Object> clean = new LinkedHashMap<>();
    data.forEach(
        (k, v) -> {
          if (v != null) {
            clean.put(k, v);
          }
        });
    events.add(
        new Event(
            commissionId, ++seq, generation, type, phase, attempt, epoch, at, commandId, clean));
    return this;
  }

  List<Event> events() {
    return List.copyOf(events);
  }
}
