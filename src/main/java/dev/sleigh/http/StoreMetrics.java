package dev.sleigh.http;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.ProjectionView;
import dev.sleigh.view.StatusReport;
import dev.sleigh.view.StatusSettings;
import dev.sleigh.view.StatusView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * {@code GET /metrics}: computed from the store at each scrape, so the numbers are the store's and
 * survive any runner's restart. The gauges read the status of this scrape, built by {@link
 * StatusReport#of} as {@code sleigh status} and {@code /api/v1/state} build it; the counters and
 * histograms are the store's counters ({@link StoredCounters}), kept in the transactions of the
 * events they count and read with one query: the first scrape costs what every other one does.
 */
public final class StoreMetrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final List<String> RUNNER_STATUSES = List.of("live", "stale", "stopped");

  private final CommissionStore store;
  private final InstantSource clock;
  private final StatusSettings settings;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<StatusView> status = new AtomicReference<>();
  // a lock, not a monitor: a scrape waits on the store, which must not pin a carrier thread
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Status judged as of the epoch, with the default human gate and a one-minute lease ttl: for
   * measuring what a scrape costs, where the judgement does not matter and no clock is at hand.
   */
  public StoreMetrics(CommissionStore store) {
    this(
        store,
        InstantSource.fixed(Instant.EPOCH),
        StatusSettings.withDefaultGate(Duration.ofMinutes(1)));
  }

  /** Status judged at {@code clock}'s now by {@code settings}. */
  public StoreMetrics(CommissionStore store, InstantSource clock, StatusSettings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    for (CommissionState s : CommissionState.values()) {
      gauge("sleigh.commissions", "Commissions in each state", v -> v.counts().get(s.wire()))
          .tag("state", s.wire())
          .register(registry);
    }
    for (String runnerStatus : RUNNER_STATUSES) {
      gauge(
              "sleigh.runners",
              "Runners live, stale (no fresh heartbeat) or stopped",
              v -> v.runners().stream().filter(r -> r.status().equals(runnerStatus)).count())
          .tag("status", runnerStatus)
          .register(registry);
    }
    gauge("sleigh.in.flight", "Commissions a live runner works on", v -> v.inFlight().size())
        .register(registry);
    gauge(
            "sleigh.retries.scheduled",
            "Commissions waiting for their retry time",
            v -> v.retryScheduled().size())
        .register(registry);
    gauge(
            "sleigh.awaiting.claim",
            "Executing commissions no live runner holds",
            v -> v.awaitingClaim().size())
        .register(registry);
    approvals();
    gauge(
            "sleigh.projection.debts",
            "Completed commissions that owe their projection (completed_with_projection_debt)",
            v -> v.projections().stream().filter(ProjectionView::debt).count())
        .register(registry);
    gauge(
            "sleigh.projection.final.errors",
            "Projections a target refused for good, waiting for 'sleigh projection retry'",
            v -> v.projections().stream().filter(p -> p.status().equals("final")).count())
        .register(registry);
    registry.getPrometheusRegistry().register(new StoredCounters(store::counters));
  }

  private void approvals() {
    gauge(
            "sleigh.approvals.waiting",
            "Approval requests waiting for an operator",
            v -> v.waitingHuman().size())
        .register(registry);
    gauge(
            "sleigh.approvals.escalated",
            "Approval requests older than gates.human.escalate_after",
            v -> v.waitingHuman().stream().filter(StatusView.WaitingView::escalated).count())
        .register(registry);
    gauge(
            "sleigh.approvals.expired",
            "Approval requests older than gates.human.expire_after, to be rejected",
            v -> v.waitingHuman().stream().filter(StatusView.WaitingView::expired).count())
        .register(registry);
  }

  private Gauge.Builder<AtomicReference<StatusView>> gauge(
      String name, String description, ToDoubleFunction<StatusView> value) {
    ToDoubleFunction<AtomicReference<StatusView>> read =
        ref -> ref.get() == null ? 0 : value.applyAsDouble(ref.get());
    return Gauge.builder(name, status, read).description(description);
  }

  /** The Prometheus text exposition of the store as it is now. */
  public String scrape() {
    lock.lock();
    try {
      return scrapeNow();
    } finally {
      lock.unlock();
    }
  }

  private String scrapeNow() {
    status.set(StatusReport.of(store, clock, settings));
    return registry.scrape();
  }
}
