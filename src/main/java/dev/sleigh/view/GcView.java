package dev.sleigh.view;

import java.util.List;

/**
 * {@code sleigh gc --json}: the workspaces removed and those kept, each with its state, and the
 * checkpoints removed from the store (with {@code --dry-run}: that would be).
 */
public record GcView(List<Entry> removed, List<Entry> kept, List<CheckpointsEntry> checkpoints) {
  /** Workspaces only. */
  public GcView(List<Entry> removed, List<Entry> kept) {
    this(removed, kept, List.of());
  }

  /** The checkpoints of one ended commission: how many and how many bytes of packs. */
  public record CheckpointsEntry(String commissionId, String state, int count, long bytes) {}

  /** One commission's workspace; {@code why} says why it was kept (null when removed). */
  public record Entry(String commissionId, String state, String path, String why) {}
}
