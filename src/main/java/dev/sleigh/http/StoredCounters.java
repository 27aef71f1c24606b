package dev.sleigh.http;

import dev.sleigh.domain.Phase;
import dev.sleigh.store.CounterKey;
import dev.sleigh.store.Counters;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The counters and histograms of {@code /metrics}, as the store keeps them ({@link Counters}):
 * phase attempts, retries and stalls, phase durations by outcome, lease expiries, agent tokens and
 * how long commissions waited for their first claim. Each scrape reads them once; nothing is
 * folded.
 */
final class StoredCounters implements MultiCollector {
  private final Supplier<Map<CounterKey, Long>> read;

  StoredCounters(Supplier<Map<CounterKey, Long>> read) {
    this.read = read;
  }

  @Override
  public MetricSnapshots collect() {
    Map<CounterKey, Long> c = read.get();
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(
        perPhase(c, "sleigh_phase_attempts", "Phase attempts started", Counters.PHASE_ATTEMPTS));
    out.add(
        perPhase(
            c,
            "sleigh_phase_retries",
            "Failed phase attempts that scheduled a retry",
            Counters.PHASE_RETRIES));
    out.add(
        perPhase(
            c,
            "sleigh_phase_stalls",
            "Phase attempts that failed because the agent stalled",
            Counters.PHASE_STALLS));
    out.add(
        counter(
            "sleigh_lease_expiries",
            "Leases that expired because their runner stopped heartbeating",
            Counters.get(c, Counters.LEASE_EXPIRIES, "")));
    out.add(
        counter(
            "sleigh_agent_tokens",
            "Tokens agents used, from the agent_session evidence of execute",
            Counters.get(c, Counters.AGENT_TOKENS, "")));
    HistogramSnapshot.Builder durations =
        HistogramSnapshot.builder()
            .name("sleigh_phase_duration_seconds")
            .help("Phase attempts from start to pass or fail");
    for (Phase p : Phase.values()) {
      for (String outcome : List.of(Counters.PASSED, Counters.FAILED)) {
        durations.dataPoint(
            histogram(
                c,
                Counters.PHASE_DURATION_MS,
                Counters.PHASE_DURATION_BUCKET,
                p.wire() + "|" + outcome,
                Labels.of("outcome", outcome, "phase", p.wire())));
      }
    }
    out.add(durations.build());
    out.add(
        HistogramSnapshot.builder()
            .name("sleigh_claim_latency_seconds")
            .help("From a commission's creation to its first claim")
            .dataPoint(
                histogram(
                    c, Counters.CLAIM_LATENCY_MS, Counters.CLAIM_LATENCY_BUCKET, "", Labels.EMPTY))
            .build());
    return new MetricSnapshots(out);
  }

  private static CounterSnapshot perPhase(
      Map<CounterKey, Long> c, String name, String help, String counter) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    for (Phase p : Phase.values()) {
      b.dataPoint(
          CounterSnapshot.CounterDataPointSnapshot.builder()
              .labels(Labels.of("phase", p.wire()))
              .value(Counters.get(c, counter, p.wire()))
              .build());
    }
    return b.build();
  }

  private static CounterSnapshot counter(String name, String help, long value) {
    return CounterSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build())
        .build();
  }

  /** A classic histogram: the stored counts per bucket (not cumulative) and the sum in seconds. */
  private static HistogramSnapshot.HistogramDataPointSnapshot histogram(
      Map<CounterKey, Long> c, String sum, String bucket, String label, Labels labels) {
    String prefix = label.isEmpty() ? "" : label + "|";
    ClassicHistogramBuckets.Builder buckets = ClassicHistogramBuckets.builder();
    for (Duration bound : Counters.BUCKETS) {
      buckets.bucket(
          bound.toMillis() / 1000.0,
          Counters.get(c, bucket, prefix + Long.toString(bound.toMillis())));
    }
    buckets.bucket(Double.POSITIVE_INFINITY, Counters.get(c, bucket, prefix + Counters.INFINITE));
    return HistogramSnapshot.HistogramDataPointSnapshot.builder()
        .labels(labels)
        .classicHistogramBuckets(buckets.build())
        .sum(Counters.get(c, sum, label) / 1000.0)
        .build();
  }
}
