package dev.sleigh.view;

import java.util.List;

/** {@code sleigh gc --json}: the workspaces removed and those kept, each with its state. */
public record GcView(List<Entry> removed, List<Entry> kept) {

  /** One commission's workspace; {@code why} says why it was kept (null when removed). */
  public record Entry(String commissionId, String state, String path, String why) {}
}
