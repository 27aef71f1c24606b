package dev.sleigh.http;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.store.CommissionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /metrics}: computed from the store at each scrape, so the numbers are the store's and
 * survive any runner's restart. Gauges read the counts by state taken for this scrape; the counters
 * and histograms fold the events appended since the last scrape, found through each commission's
 * last event sequence number.
 */
public final class StoreMetrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final CommissionStore store;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Map<CommissionState, Long>> counts =
      new AtomicReference<>(Map.of());
  private final Map<String, Long> folded = new HashMap<>();
  // a lock, not a monitor: a scrape waits on the store, which must not pin a carrier thread
  private final ReentrantLock lock = new ReentrantLock();
  private final EventMeters meters = new EventMeters(registry);

  public StoreMetrics(CommissionStore store) {
    this.store = store;
    for (CommissionState s : CommissionState.values()) {
      Gauge.builder("sleigh.commissions", counts, c -> c.get().getOrDefault(s, 0L))
          .tag("state", s.wire())
          .description("Commissions in each state")
          .register(registry);
    }
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
    counts.set(store.countByState());
    // Only commissions whose log grew since the last scrape are read.
    store
        .lastSequences()
        .forEach(
            (id, last) -> {
              long seen = folded.getOrDefault(id, 0L);
              if (last > seen) {
                List<Event> events = store.events(id, seen);
                events.forEach(meters::accept);
                if (!events.isEmpty()) {
                  folded.put(id, events.getLast().seq());
                }
              }
            });
    return registry.scrape();
  }
}
