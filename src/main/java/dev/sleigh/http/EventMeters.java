package dev.sleigh.http;

import dev.sleigh.domain.Event;
import dev.sleigh.domain.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Counters and histograms folded from the event log, each event exactly once: phase attempts and
 * their durations by outcome, retries, stalls, lease expiries, agent tokens and how long
 * commissions waited for their first claim. Remembers only the attempts still open and the
 * commissions never claimed yet.
 */
final class EventMeters {
  static final String AGENT_SESSION = "agent_session";
  private static final Duration[] BUCKETS = {
    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1),
    Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4)
  };

  private final Map<Phase, Counter> attempts = new EnumMap<>(Phase.class);
  private final Map<Phase, Counter> retries = new EnumMap<>(Phase.class);
  private final Map<Phase, Counter> stalls = new EnumMap<>(Phase.class);
  private final Map<Phase, Timer> passed = new EnumMap<>(Phase.class);
  private final Map<Phase, Timer> failed = new EnumMap<>(Phase.class);
  private final Counter leaseExpiries;
  private final Counter tokens;
  private final Timer claimLatency;
  private final Map<String, Instant> openAttempts = new HashMap<>();
  private final Map<String, Instant> unclaimedSince = new HashMap<>();

  EventMeters(MeterRegistry registry) {
    for (Phase p : Phase.values()) {
      attempts.put(
          p,
          Counter.builder("sleigh.phase.attempts")
              .tag("phase", p.wire())
              .description("Phase attempts started")
              .register(registry));
      retries.put(
          p,
          Counter.builder("sleigh.phase.retries")
              .tag("phase", p.wire())
              .description("Failed phase attempts that scheduled a retry")
              .register(registry));
      stalls.put(
          p,
          Counter.builder("sleigh.phase.stalls")
              .tag("phase", p.wire())
              .description("Phase attempts that failed because the agent stalled")
              .register(registry));
      passed.put(p, duration(registry, p, "passed"));
      failed.put(p, duration(registry, p, "failed"));
    }
    leaseExpiries =
        Counter.builder("sleigh.lease.expiries")
            .description("Leases that expired because their runner stopped heartbeating")
            .register(registry);
    tokens =
        Counter.builder("sleigh.agent.tokens")
            .description("Tokens agents used, from the agent_session evidence of execute")
            .register(registry);
    claimLatency =
        Timer.builder("sleigh.claim.latency")
            .description("From a commission's creation to its first claim")
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
  }

  private static Timer duration(MeterRegistry registry, Phase p, String outcome) {
    return Timer.builder("sleigh.phase.duration")
        .tags("phase", p.wire(), "outcome", outcome)
        .description("Phase attempts from start to pass or fail")
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  void accept(Event e) {
    switch (e.type()) {
      case CREATED -> unclaimedSince.putIfAbsent(e.commissionId(), e.at());
      case CLAIMED -> {
        Instant since = unclaimedSince.remove(e.commissionId());
        if (since != null) {
          claimLatency.record(nonNegative(since, e.at()));
        }
      }
      case PHASE_STARTED -> {
        attempts.get(e.phase()).increment();
        openAttempts.put(attemptKey(e), e.at());
      }
      case PHASE_PASSED -> close(e, passed);
      case PHASE_FAILED -> phaseFailed(e);
      case LEASE_EXPIRED -> leaseExpiries.increment();
      case EVIDENCE_RECORDED -> {
        if (AGENT_SESSION.equals(e.text("name"))
            && e.data().get("tokens_total") instanceof Number n) {
          tokens.increment(n.doubleValue());
        }
      }
      case INTAKE_CONFLICT,
          HEARTBEAT,
          TURN_COMPLETED,
          AGENT_APPROVAL,
          REVALIDATED,
          WAITING_HUMAN,
          APPROVED,
          REJECTED,
          RELEASED,
          COMPLETED,
          BLOCKED,
          FAILED,
          REQUEUED,
          CANCELLED,
          EXPIRED,
          APPLIED,
          PROJECTION_PUBLISHED,
          PROJECTION_FAILED -> {}
    }
  }

  private void phaseFailed(Event e) {
    close(e, failed);
    if (e.data().containsKey("retry_at")) {
      retries.get(e.phase()).increment();
    }
    String reason = e.text("reason");
    if (reason != null && reason.startsWith("stalled")) {
      stalls.get(e.phase()).increment();
    }
  }

  private void close(Event e, Map<Phase, Timer> timers) {
    Instant started = openAttempts.remove(attemptKey(e));
    if (started != null) {
      timers.get(e.phase()).record(nonNegative(started, e.at()));
    }
  }

  private static String attemptKey(Event e) {
    return e.commissionId() + "|" + e.generation() + "|" + e.phase().wire() + "|" + e.attempt();
  }

  private static Duration nonNegative(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
