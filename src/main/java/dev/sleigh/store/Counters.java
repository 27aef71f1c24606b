package dev.sleigh.store;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters a store keeps up to date in the transaction of the events and rows they count, so
 * that {@code /metrics} and {@code status} read them in one query instead of folding every event
 * log: commissions per state, events per type, and the phase, lease, token and claim-latency
 * tallies of {@code /metrics}. Durations are kept in milliseconds (the events' precision), as a
 * count, a sum and a count per bucket of {@link #BUCKETS}; the buckets here are not cumulative.
 *
 * <p>What a list of events adds is a function of the events alone and of the commission's log
 * before them, so {@code verify} recomputes every counter from the logs and the migration that
 * introduced them computed them once for stores written before.
 */
public final class Counters {
  /** Commissions per state; label: the state. */
  public static final String COMMISSIONS = "commissions";

  /** Events appended per type; label: the type. */
  public static final String EVENTS = "events";

  /** Phase attempts started; label: the phase. */
  public static final String PHASE_ATTEMPTS = "phase_attempts";

  /** Failed phase attempts that scheduled a retry; label: the phase. */
  public static final String PHASE_RETRIES = "phase_retries";

  /** Phase attempts that failed because the agent stalled; label: the phase. */
  public static final String PHASE_STALLS = "phase_stalls";

  /** Phase attempts closed, by outcome; label: {@code phase|outcome}. */
  public static final String PHASE_DURATION_COUNT = "phase_duration_count";

  /** Their durations' sum in milliseconds; label: {@code phase|outcome}. */
  public static final String PHASE_DURATION_MS = "phase_duration_ms";

  /** Their durations per bucket; label: {@code phase|outcome|bound}, see {@link #bucketLabel}. */
  public static final String PHASE_DURATION_BUCKET = "phase_duration_bucket";

  /** Leases that expired. */
  public static final String LEASE_EXPIRIES = "lease_expiries";

  /** Agent tokens from the {@code agent_session} evidence. */
  public static final String AGENT_TOKENS = "agent_tokens";

  /** First claims, and the time from creation to each. */
  public static final String CLAIM_LATENCY_COUNT = "claim_latency_count";

  public static final String CLAIM_LATENCY_MS = "claim_latency_ms";

  /** First claims per bucket; label: the bound, see {@link #bucketLabel}. */
  public static final String CLAIM_LATENCY_BUCKET = "claim_latency_bucket";

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String AGENT_SESSION = "agent_session";

  /** Upper bounds of the duration buckets; a duration above the last falls in {@code +Inf}. */
  public static final List<Duration> BUCKETS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(4));

  /** The label part naming a duration bucket: its bound in milliseconds, or {@code +Inf}. */
  public static final String INFINITE = "+Inf";

  private Counters() {}

  /** The bucket label of a duration of {@code millis}. */
  public static String bucketLabel(long millis) {
    for (Duration bound : BUCKETS) {
      if (millis <= bound.toMillis()) {
        return Long.toString(bound.toMillis());
      }
    }
    return INFINITE;
  }

  /**
   * What appending {@code appended} to one commission's log, which held {@code before}, adds to the
   * counters. Sorted by key, so that transactions take the rows of the counters in one order.
   */
  public static Map<CounterKey, Long> added(List<Event> before, List<Event> appended) {
    Fold fold = new Fold();
    before.forEach(e -> fold.accept(e, false));
    appended.forEach(e -> fold.accept(e, true));
    return fold.out;
  }

  /** What a commission's row moving from {@code from} to {@code to} does to the state counts. */
  public static Map<CounterKey, Long> moved(CommissionState from, CommissionState to) {
    Map<CounterKey, Long> out = new TreeMap<>();
    if (from != to) {
      if (from != null) {
        out.put(new CounterKey(COMMISSIONS, from.wire()), -1L);
      }
      out.put(new CounterKey(COMMISSIONS, to.wire()), 1L);
    }
    return out;
  }

  /** Adds {@code more} into {@code into}, key by key. */
  public static void addInto(Map<CounterKey, Long> into, Map<CounterKey, Long> more) {
    more.forEach((k, v) -> into.merge(k, v, Long::sum));
  }

  /** The value of one counter in {@code counters}, 0 when it was never counted. */
  public static long get(Map<CounterKey, Long> counters, String name, String label) {
    return counters.getOrDefault(new CounterKey(name, label), 0L);
  }

  /**
   * One commission's log read in order; counts only the events it is told to, but remembers every
   * one: the attempts still open and whether the commission was claimed before.
   */
  private static final class Fold {
    private final Map<CounterKey, Long> out = new TreeMap<>();
    private final Map<String, Long> openAttempts = new HashMap<>();
    private Long unclaimedSince;
    private boolean claimed;

    void accept(Event e, boolean count) {
      if (count) {
        add(EVENTS, e.type().wire(), 1);
      }
      switch (e.type()) {
        case CREATED -> {
          if (unclaimedSince == null && !claimed) {
            unclaimedSince = e.at().toEpochMilli();
          }
        }
        case CLAIMED -> {
          if (unclaimedSince != null && count) {
            duration(
                CLAIM_LATENCY_COUNT,
                CLAIM_LATENCY_MS,
                CLAIM_LATENCY_BUCKET,
                "",
                since(unclaimedSince, e));
          }
          unclaimedSince = null;
          claimed = true;
        }
        case PHASE_STARTED -> {
          if (count) {
            add(PHASE_ATTEMPTS, e.phase().wire(), 1);
          }
          openAttempts.put(attemptKey(e), e.at().toEpochMilli());
        }
        case PHASE_PASSED -> close(e, PASSED, count);
        case PHASE_FAILED -> {
          close(e, FAILED, count);
          if (count && e.data().containsKey("retry_at")) {
            add(PHASE_RETRIES, e.phase().wire(), 1);
          }
          String reason = e.text("reason");
          if (count && reason != null && reason.startsWith("stalled")) {
            add(PHASE_STALLS, e.phase().wire(), 1);
          }
        }
        case LEASE_EXPIRED -> {
          if (count) {
            add(LEASE_EXPIRIES, "", 1);
          }
        }
        case EVIDENCE_RECORDED -> {
          if (count
              && AGENT_SESSION.equals(e.text("name"))
              && e.data().get("tokens_total") instanceof Number n) {
            add(AGENT_TOKENS, "", Math.round(n.doubleValue()));
          }
        }
        default -> {}
      }
    }

    private void close(Event e, String outcome, boolean count) {
      Long started = openAttempts.remove(attemptKey(e));
      if (started != null && count) {
        String label = e.phase().wire() + "|" + outcome;
        duration(
            PHASE_DURATION_COUNT,
            PHASE_DURATION_MS,
            PHASE_DURATION_BUCKET,
            label,
            since(started, e));
      }
    }

    private void duration(String count, String sum, String bucket, String label, long millis) {
      add(count, label, 1);
      add(sum, label, millis);
      add(bucket, label.isEmpty() ? bucketLabel(millis) : label + "|" + bucketLabel(millis), 1);
    }

    private void add(String name, String label, long value) {
      if (value != 0) {
        out.merge(new CounterKey(name, label), value, Long::sum);
      }
    }

    private static long since(long fromMillis, Event to) {
      return Math.max(0, to.at().toEpochMilli() - fromMillis);
    }

    private static String attemptKey(Event e) {
      return e.generation() + "|" + e.phase().wire() + "|" + e.attempt();
    }
  }
}
