package dev.sleigh.view;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Projections;
import dev.sleigh.store.Runners;
import dev.sleigh.store.RuntimeRun;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the {@link StatusView} from the store, never from what any runner said about itself. */
public final class StatusReport {
  static final int RECENT_FAILURES = 10;

  private final CommissionStore store;
  private final Instant now;
  private final Duration leaseTtl;
  private final Safeguards.HumanGate human;
  private final RetryPolicy retry;

  /**
   * Status with the default human gate, judged at {@code now}; {@link #of} is what every operator
   * surface uses.
   */
  public StatusReport(CommissionStore store, Instant now, Duration leaseTtl) {
    this(store, now, StatusSettings.withDefaultGate(leaseTtl));
  }

  private StatusReport(CommissionStore store, Instant now, StatusSettings settings) {
    this.store = store;
    this.now = now;
    this.leaseTtl = settings.leaseTtl();
    this.human = settings.human();
    this.retry = settings.retry();
  }

  /**
   * The status every surface shows ({@code sleigh status}, {@code GET /api/v1/state}, the dashboard
   * and the status gauges of {@code /metrics}): the store as it is at {@code clock}'s now, judged
   * by {@code settings}.
   */
  public static StatusView of(CommissionStore store, InstantSource clock, StatusSettings settings) {
    return new StatusReport(store, clock.instant(), settings).build();
  }

  public StatusView build() {
    List<StatusView.RunnerView> runners =
        store.runners().list().stream().map(this::runner).toList();
    Set<String> live =
        runners.stream()
            .filter(r -> r.status().equals("live"))
            .map(StatusView.RunnerView::runnerId)
            .collect(Collectors.toSet());
    List<StatusView.InFlightView> inFlight = new ArrayList<>();
    List<StatusView.RetryView> retries = new ArrayList<>();
    List<StatusView.UnheldView> unheld = new ArrayList<>();
    List<CommissionRecord> retrying = new ArrayList<>();
    for (CommissionState s : List.of(CommissionState.PREFLIGHTING, CommissionState.RUNNING)) {
      for (CommissionRecord r : store.list(Optional.of(s))) {
        sort(r, live, inFlight, retries, unheld);
        if (r.retryAt() != null && r.reason() != null && !heldLive(r, live)) {
          retrying.add(r);
        }
      }
    }
    return new StatusView(
        now,
        runners,
        counts(),
        inFlight,
        retries,
        waiting(),
        failures(retrying),
        unheld,
        projections());
  }

  private void sort(
      CommissionRecord r,
      Set<String> live,
      List<StatusView.InFlightView> inFlight,
      List<StatusView.RetryView> retries,
      List<StatusView.UnheldView> unheld) {
    String phase = r.phase() == null ? null : r.phase().wire();
    if (heldLive(r, live) && r.lease() instanceof Lease.Held h) {
      inFlight.add(
          new StatusView.InFlightView(
              r.id(),
              r.spec().title(),
              r.state().wire(),
              phase,
              r.attempt(),
              h.runnerId(),
              h.epoch(),
              h.expiresAt(),
              elapsed(r)));
    } else if (r.retryAt() != null && r.retryAt().isAfter(now)) {
      retries.add(new StatusView.RetryView(r.id(), phase, r.attempt(), r.retryAt(), r.reason()));
    } else {
      String why =
          r.lease() instanceof Lease.Held h
              ? (h.liveAt(now)
                  ? "runner " + h.runnerId() + " is not live"
                  : "lease expired at " + h.expiresAt())
              : "no runner holds it";
      unheld.add(new StatusView.UnheldView(r.id(), r.state().wire(), phase, r.attempt(), why));
    }
  }

  private long elapsed(CommissionRecord r) {
    List<RuntimeRun> runs = store.runs(r.id());
    Instant since = runs.isEmpty() ? r.updatedAt() : runs.getLast().startedAt();
    return Math.max(0, Duration.between(since, now).toSeconds());
  }

  private StatusView.RunnerView runner(Runners.RunnerInfo info) {
    String status =
        info.stoppedAt() != null
            ? "stopped"
            : info.heartbeatAt() != null
                    && info.heartbeatAt().isAfter(now.minus(leaseTtl.multipliedBy(2)))
                ? "live"
                : "stale";
    return new StatusView.RunnerView(
        info.runnerId(), info.host(), info.pid(), info.heartbeatAt(), status);
  }

  private Map<String, Long> counts() {
    Map<CommissionState, Long> counted = store.countByState();
    Map<String, Long> out = new LinkedHashMap<>();
    for (CommissionState s : CommissionState.values()) {
      out.put(s.wire(), counted.getOrDefault(s, 0L));
    }
    return out;
  }

  private List<StatusView.WaitingView> waiting() {
    return store.list(Optional.of(CommissionState.WAITING_HUMAN)).stream()
        .map(
            r ->
                new StatusView.WaitingView(
                    r.id(),
                    r.spec().title(),
                    r.phase() == null ? null : r.phase().wire(),
                    r.reason(),
                    r.updatedAt(),
                    Math.max(0, Duration.between(r.updatedAt(), now).toSeconds()),
                    !r.updatedAt().plus(human.escalateAfter()).isAfter(now),
                    !r.updatedAt().plus(human.expireAfter()).isAfter(now)))
        .toList();
  }

  /** Every projection not yet published, debts first. */
  private List<ProjectionView> projections() {
    return store.projections().list().stream()
        .filter(p -> p.status() != Projections.Status.PUBLISHED)
        .map(ProjectionView::of)
        .sorted(Comparator.comparing((ProjectionView v) -> !v.debt()))
        .toList();
  }

  private boolean heldLive(CommissionRecord r, Set<String> live) {
    return r.lease() instanceof Lease.Held h && h.liveAt(now) && live.contains(h.runnerId());
  }

  /**
   * The latest failures: commissions that ended failed or blocked, and those whose last attempt
   * failed and that wait for a retry ({@code retry_at} set), newest first.
   */
  private List<StatusView.FailureView> failures(List<CommissionRecord> retrying) {
    List<CommissionRecord> ended = new ArrayList<>(retrying);
    for (CommissionState s : CommissionState.values()) {
      if (s == CommissionState.FAILED || s.blocked()) {
        ended.addAll(store.recent(s, RECENT_FAILURES));
      }
    }
    return ended.stream()
        .sorted(
            Comparator.comparing(CommissionRecord::updatedAt)
                .reversed()
                .thenComparing(CommissionRecord::id))
        .limit(RECENT_FAILURES)
        .map(this::failure)
        .toList();
  }

  private StatusView.FailureView failure(CommissionRecord r) {
    Optional<FailureDetail> detail =
        r.state().blocked()
            ? Optional.empty()
            : FailureDetail.of(
                store.events(r.id(), 0).stream()
                    .filter(e -> e.generation() == r.generation())
                    .toList(),
                retry,
                List.of());
    return new StatusView.FailureView(
        r.id(),
        r.state().wire(),
        r.reason(),
        r.updatedAt(),
        r.state() == CommissionState.FAILED || r.state().blocked() ? null : r.retryAt(),
        detail.map(FailureDetail::exhausted).orElse(null),
        detail.map(FailureDetail::budget).orElse(null),
        detail.map(FailureDetail::phase).orElse(null),
        detail.map(FailureDetail::attempt).orElse(null),
        detail.map(FailureDetail::reason).orElse(null));
  }
}
