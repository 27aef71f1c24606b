package dev.sleigh.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One appended fact. {@code epoch} is the commission's lease epoch after the event; {@code phase}
 * and {@code attempt} are set on phase events (and null/0 elsewhere); {@code data} holds JSON
 * values (strings, numbers, booleans, lists, maps).
 */
public record Event(
    String commissionId,
    long seq,
    int generation,
    EventType type,
    Phase phase,
    int attempt,
    long epoch,
    Instant at,
    String commandId,
    Map<String, Object> data) {

  public Event {
    Objects.requireNonNull(commissionId, "commissionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  public String text(String key) {
    Object v = data.get(key);
    return v == null ? null : v.toString();
  }

  public boolean flag(String key) {
    return Boolean.TRUE.equals(data.get(key)) || "true".equals(data.get(key));
  }

  public Instant instant(String key) {
    String v = text(key);
    return v == null ? null : Instant.parse(v);
  }

  public boolean is(EventType t, Phase p) {
    return type == t && phase == p;
  }
}
