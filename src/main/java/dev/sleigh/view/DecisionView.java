package dev.sleigh.view;

import dev.sleigh.domain.Decision;
import java.time.Instant;
import java.util.List;

/** A decision with its revision history; {@code revision} is the current revision's hash. */
public record DecisionView(
    String id,
    String title,
    String status,
    String revision,
    int revisionNumber,
    String supersededBy,
    String body,
    Instant createdAt,
    Instant updatedAt,
    List<RevisionView> revisions) {

  public static DecisionView of(Decision d) {
    return new DecisionView(
        d.id(),
        d.title(),
        d.status().wire(),
        d.revision(),
        d.current().number(),
        d.supersededBy(),
        d.current().body(),
        d.createdAt(),
        d.updatedAt(),
        d.revisions().stream().map(RevisionView::of).toList());
  }

  /** One version of a decision's text. */
  public record RevisionView(int number, String hash, Instant createdAt) {
    static RevisionView of(Decision.Revision r) {
      return new RevisionView(r.number(), r.hash(), r.createdAt());
    }
  }

  /** {@code decision list --json}. */
  public record Listing(List<DecisionView> decisions) {}
}
