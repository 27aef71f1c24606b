package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's record held in memory: it remembers what a step wrote and can lose its lease. */
final class RecordingJournal implements PhaseJournal {
  final Map<String, Map<String, Object>> evidence = new LinkedHashMap<>();
  final List<Map<String, Object>> sessions = new ArrayList<>();
  final List<Map<String, Object>> approvals = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final List<Map<String, Object>> hooks = new ArrayList<>();
  boolean leaseHeld = true;
  boolean lost;

  @Override
  public boolean confirmLease() {
    if (!leaseHeld) {
      lost = true;
    }
    return !lost;
  }

  @Override
  public boolean isLost() {
    return lost;
  }

  @Override
  public Map<String, String> tagged(Map<String, String> env) {
    Map<String, String> tagged = new LinkedHashMap<>(env);
    tagged.put("SLEIGH_RUN_ID", "run-1");
    return tagged;
  }

  @Override
  public boolean evidence(PhaseAttempt at, String name, Map<String, Object> facts) {
    if (lost) {
      return false;
    }
    evidence.put(name, facts);
    return true;
  }

  @Override
  public boolean agentSession(PhaseAttempt at, Map<String, Object> facts) {
    sessions.add(facts);
    return !lost;
  }

  @Override
  public boolean agentApproval(int attempt, int n, Map<String, Object> data) {
    approvals.add(data);
    return !lost;
  }

  @Override
  public void note(RunNote note, Phase phase, int attempt, Map<String, Object> data) {
    notes.add(note.wire());
    if (note == RunNote.HOOK) {
      hooks.add(data);
    }
  }
}
