package dev.sleigh.runtime.projection;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.EvidenceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is published about a commission: built from the store alone (its row, the events and the
 * evidence of its current generation), so the same store gives the same packet on any runner at any
 * time. Keys a commission lacks (no reason, nothing applied) are left out.
 */
public final class FactPacket {
  /** Evidence facts copied into the packet; the rest (outputs, logs) stays in the store. */
  private static final List<String> EVIDENCE_FACTS =
      List.of("passed", "exit_code", "command", "duration_ms");

  private FactPacket() {}

  public static Map<String, Object> of(CommissionStore store, String id) {
    CommissionRecord r =
        store.find(id).orElseThrow(() -> new IllegalArgumentException("no commission " + id));
    List<Event> events =
        store.events(id, 0).stream().filter(e -> e.generation() == r.generation()).toList();
    List<EvidenceRecord> evidence =
        store.evidence(id).stream().filter(e -> e.generation() == r.generation()).toList();
    Map<String, Object> packet = new TreeMap<>();
    packet.put("commission", commission(r));
    // A debt is published as what it becomes once published: the tracker hears the outcome.
    packet.put(
        "state",
        r.state() == CommissionState.COMPLETED_WITH_PROJECTION_DEBT
            ? CommissionState.COMPLETED.wire()
            : r.state().wire());
    put(packet, "reason", r.reason());
    packet.put("generation", r.generation());
    packet.put("phases", phases(events));
    packet.put("evidence", evidence(evidence));
    for (Event e : events) {
      if (e.type() == EventType.COMPLETED) {
        packet.put("completed_at", e.at().toString());
      } else if (e.type() == EventType.APPLIED) {
        packet.put("applied", map("branch", e.text("branch"), "commit", e.text("commit")));
      }
    }
    for (EvidenceRecord e : evidence) {
      if (e.name().equals("diff_stat")) {
        packet.put("diff_stat", new TreeMap<>(e.facts()));
      } else if (e.name().equals("delivery") && !packet.containsKey("applied")) {
        packet.put(
            "applied", map("branch", e.facts().get("branch"), "commit", e.facts().get("commit")));
      }
    }
    return packet;
  }

  private static Map<String, Object> commission(CommissionRecord r) {
    Map<String, Object> c = new TreeMap<>();
    c.put("id", r.id());
    c.put("title", r.spec().title());
    c.put(
        "decision",
        map("id", r.spec().decision().id(), "revision", r.spec().decision().revision()));
    put(c, "problem_card_ref", r.spec().problemCardRef());
    put(c, "repo_url", r.spec().repo().url());
    c.put("projection_policy", r.spec().projectionPolicy().wire());
    return c;
  }

  /** Each phase the generation started, in workflow order: its attempts and how it stands. */
  private static List<Map<String, Object>> phases(List<Event> events) {
    Map<Phase, Integer> attempts = new TreeMap<>();
    Map<Phase, String> outcome = new TreeMap<>();
    for (Event e : events) {
      if (e.phase() == null) {
        continue;
      }
      switch (e.type()) {
        case PHASE_STARTED -> {
          attempts.merge(e.phase(), 1, Integer::sum);
          outcome.put(e.phase(), "started");
        }
        case PHASE_PASSED -> outcome.put(e.phase(), "passed");
        case PHASE_FAILED -> outcome.put(e.phase(), "failed");
        default -> {}
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    attempts.forEach(
        (phase, n) ->
            out.add(map("phase", phase.wire(), "attempts", n, "outcome", outcome.get(phase))));
    return out;
  }

  private static List<Map<String, Object>> evidence(List<EvidenceRecord> evidence) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (EvidenceRecord e : evidence) {
      if (e.name().equals("diff_stat") || e.name().equals("delivery")) {
        continue;
      }
      Map<String, Object> m = new TreeMap<>();
      m.put("name", e.name());
      put(m, "phase", e.phase() == null ? null : e.phase().wire());
      for (String key : EVIDENCE_FACTS) {
        put(m, key, e.facts().get(key));
      }
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      put(m, (String) pairs[i], pairs[i + 1]);
    }
    return new TreeMap<>(m);
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
