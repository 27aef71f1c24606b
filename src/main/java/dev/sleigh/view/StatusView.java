package dev.sleigh.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code sleigh status --json} and {@code GET /api/v1/state}: computed from the store alone. A
 * commission is in {@code in_flight} only while it is executing under an unexpired lease of a
 * runner whose heartbeat is fresh; settled and waiting commissions never are.
 */
public record StatusView(
    Instant at,
    List<RunnerView> runners,
    Map<String, Long> counts,
    List<InFlightView> inFlight,
    List<RetryView> retryScheduled,
    List<WaitingView> waitingHuman,
    List<FailureView> recentFailures,
    List<UnheldView> awaitingClaim,
    List<ProjectionView> projections) {

  /**
   * A runner process: {@code live}, {@code stale} (heartbeat older than 2 × lease ttl) or {@code
   * stopped}.
   */
  public record RunnerView(
      String runnerId, String host, long pid, Instant lastHeartbeat, String status) {}

  /** A commission a live runner is working on right now. */
  public record InFlightView(
      String id,
      String title,
      String state,
      String phase,
      int attempt,
      String runnerId,
      long epoch,
      Instant leaseExpiresAt,
      long elapsedSeconds) {}

  /** A commission that failed an attempt and may not be claimed before {@code retry_at}. */
  public record RetryView(String id, String phase, int attempt, Instant retryAt, String reason) {}

  /**
   * A commission waiting for an operator's approval, for how long, and whether that is too long:
   * {@code escalated} past the human gate's {@code escalate_after}, {@code expired} past its {@code
   * expire_after} (a runner's next tick rejects it as {@code approval_expired}).
   */
  public record WaitingView(
      String id,
      String title,
      String phase,
      String reason,
      Instant since,
      long ageSeconds,
      boolean escalated,
      boolean expired) {}

  /**
   * A recent failure: a commission that ended failed or blocked ({@code retryAt} null), or one
   * whose last attempt failed and that will be retried at {@code retryAt}. When an attempt failed:
   * the retry budget that ran out ({@code exhausted}, as in {@link FailureDetail}), what the
   * generation used of it, and the last failed attempt ({@code phase}, {@code attempt}) with its
   * own reason ({@code lastReason}); null when no attempt failed.
   */
  public record FailureView(
      String id,
      String state,
      String reason,
      Instant at,
      Instant retryAt,
      String exhausted,
      FailureDetail.BudgetView budget,
      String phase,
      Integer attempt,
      String lastReason) {}

  /**
   * Executing, but no live runner holds it: its lease expired or was released; a runner will claim
   * it.
   */
  /**
   * Unpublished projections ({@code projections}): debts ({@code debt}: the commission stays {@code
   * completed_with_projection_debt} until it is published) and optional ones still being retried,
   * each with its last error. Every surface shows the same list.
   */
  public record UnheldView(String id, String state, String phase, int attempt, String why) {}
}
