package dev.sleigh.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint as the event log names it: the commit that holds a workspace's tree on its base
 * commit, and the size of the pack the store keeps for it. {@code turn_completed} and {@code
 * phase_passed} of execute carry one; the latest of the current generation is what every later step
 * of the commission works on.
 */
public record CheckpointRef(String commit, String tree, String base, long size) {
  static final String COMMIT = "checkpoint";
  static final String TREE = "checkpoint_tree";
  static final String BASE = "checkpoint_base";
  static final String SIZE = "checkpoint_size";

  public CheckpointRef {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(base, "base");
    if (size < 0) {
      throw new IllegalArgumentException("a checkpoint size is never negative");
    }
  }

  /** The checkpoint an event names, if it names one. */
  public static Optional<CheckpointRef> of(Event e) {
    String commit = e.text(COMMIT);
    if (commit == null) {
      return Optional.empty();
    }
    Object size = e.data().get(SIZE);
    return Optional.of(
        new CheckpointRef(
            commit,
            e.text(TREE),
            e.text(BASE),
            size instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(size))));
  }

  /** The newest checkpoint of the current (last) generation of {@code events}. */
  public static Optional<CheckpointRef> latest(List<Event> events) {
    if (events.isEmpty()) {
      return Optional.empty();
    }
    int generation = events.getLast().generation();
    Optional<CheckpointRef> latest = Optional.empty();
    for (Event e : events) {
      if (e.generation() == generation) {
        Optional<CheckpointRef> named = of(e);
        if (named.isPresent()) {
          latest = named;
        }
      }
    }
    return latest;
  }

  /** The checkpoint's part of an event's data. */
  public Map<String, Object> data() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(COMMIT, commit);
    out.put(TREE, tree);
    out.put(BASE, base);
    out.put(SIZE, size);
    return out;
  }
}
