package dev.sleigh.runtime;

import dev.sleigh.domain.Durations;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this runner can reach its store, as its last calls found. While it cannot, the runner
 * rides through: agents keep working, nothing is claimed or swept, and writes and heartbeats are
 * tried again with a growing pause. It says so once when the outage starts and once when it ends;
 * an outage longer than {@code engine.store_outage_limit} stops the runner. A store that answers
 * that it is damaged ({@code store_corrupt}) is no outage: nothing is tried again, and the runner
 * stops at once ({@link #damage()}), since writing on may spread the damage and every retry would
 * be charged to a commission that did nothing wrong.
 */
final class StoreOutage {
  private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
  private static final Duration QUIET = Duration.ofSeconds(2);

  private final InstantSource clock;
  private final Duration limit;
  private Instant since;
  private Instant lastReached = Instant.MIN;
  private Instant ended = Instant.MIN;
  private boolean reported;
  private int failures;
  private StoreError damage;

  StoreOutage(InstantSource clock, Duration limit) {
    this.clock = clock;
    this.limit = limit;
  }

  /**
   * The store's answer to a command, or, when it is a refusal that only says the database was busy
   * or could not be reached ({@code execute} answers so instead of throwing), the failure it stands
   * for: riding an outage through, that is no refusal of the run.
   */
  static CommandResult reachedOrThrow(CommandResult answer) {
    if (answer instanceof CommandResult.Refused refused
        && (refused.error().retryable() || refused.error().code() == ErrorCode.STORE_CORRUPT)) {
      throw new StoreException(refused.error());
    }
    return answer;
  }

  /** A call reached the store. */
  synchronized void reached() {
    Instant now = clock.instant();
    if (since != null) {
      if (reported) {
        LOG.info(
            "The store is reachable again after {}; renewing leases and resuming claims",
            Durations.format(Duration.ofSeconds(Duration.between(since, now).toSeconds())));
      }
      since = null;
      ended = now;
    }
    failures = 0;
    reported = false;
    lastReached = now;
  }

  /**
   * A call could not reach the store. A moment of contention is normal; an outage that lasts longer
   * than {@link #QUIET} is reported once. A damaged store is recorded as {@link #damage()} instead.
   */
  synchronized void failed(StoreException e) {
    if (damaged(e)) {
      return;
    }
    failures++;
    Instant now = clock.instant();
    if (since == null) {
      since = now;
    }
    if (!reported && Duration.between(since, now).compareTo(QUIET) >= 0) {
      reported = true;
      LOG.warn(
          "The store cannot be reached ({}); agents keep working, nothing is claimed, and the"
              + " runner retries with backoff for up to {}",
          e.getMessage(),
          Durations.format(limit));
    } else {
      LOG.debug("The store is unreachable: {}", e.getMessage());
    }
  }

  /**
   * Whether {@code e} says the store is damaged; the first such answer is kept as {@link #damage()}
   * and reported once.
   */
  synchronized boolean damaged(StoreException e) {
    if (e.error().code() != ErrorCode.STORE_CORRUPT) {
      return false;
    }
    if (damage == null) {
      damage = e.error();
      LOG.error(
          "The store answered that it is damaged; stopping every agent and the runner without"
              + " writing anything more: {}",
          e.error().message());
    }
    return true;
  }

  /** What the store said about its damage, once it did; the runner must stop. */
  synchronized Optional<StoreError> damage() {
    return Optional.ofNullable(damage);
  }

  /** Whether an outage ended less than {@code d} ago. */
  synchronized boolean endedWithin(Duration d) {
    return ended.plus(d).isAfter(clock.instant());
  }

  synchronized boolean active() {
    return since != null;
  }

  /** When the store was last reached; {@link Instant#MIN} before any call did. */
  synchronized Instant lastReached() {
    return lastReached;
  }

  /** How long to wait before the next try: doubling from 200 ms up to 5 s while it lasts. */
  synchronized Duration pause() {
    int doublings = Math.min(Math.max(0, failures - 1), 10);
    Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
    return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
  }

  /** True once the outage has lasted longer than the limit. */
  synchronized boolean beyondLimit() {
    return since != null && Duration.between(since, clock.instant()).compareTo(limit) > 0;
  }

  synchronized Duration limit() {
    return limit;
  }
}
