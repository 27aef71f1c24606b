package dev.sleigh.view;

import java.util.List;

/** What intake did with one commission: created now, or already there with the same content. */
public record IntakeView(String id, String state, boolean created) {

  /** {@code commission create --json}. */
  public record Listing(List<IntakeView> commissions) {}
}
