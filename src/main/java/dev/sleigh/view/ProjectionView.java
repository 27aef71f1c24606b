package dev.sleigh.view;

import dev.sleigh.store.Projections.Projection;
import java.time.Instant;
import java.util.List;

/**
 * One commission's projection as {@code projection list}, {@code status} and the HTTP API show it:
 * whether it is a debt (the commission waits for it to be {@code completed}), where it stands, the
 * targets that have it, and the last error with when it is tried again (none when final).
 */
public record ProjectionView(
    String commissionId,
    String state,
    String policy,
    String status,
    boolean debt,
    List<String> published,
    int attempts,
    Instant retryAt,
    String lastError,
    Instant updatedAt) {

  public static ProjectionView of(Projection p) {
    return new ProjectionView(
        p.commissionId(),
        p.state().wire(),
        p.policy(),
        p.status().wire(),
        p.debt(),
        p.published(),
        p.attempts(),
        p.retryAt(),
        p.lastError(),
        p.updatedAt());
  }

  /** {@code projection list --json}. */
  public record Listing(List<ProjectionView> projections) {}
}
