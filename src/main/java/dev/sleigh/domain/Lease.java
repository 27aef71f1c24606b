package dev.sleigh.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to work on a commission. The epoch only grows: every claim, requeue and cancel moves it
 * on, so a command carrying an older epoch is fenced.
 */
public sealed interface Lease {
  long epoch();

  /** No runner holds the commission; {@code epoch} is the last one handed out or revoked. */
  record Free(long epoch) implements Lease {}

  /** One runner holds the commission until {@code expiresAt} unless it heartbeats. */
  record Held(String leaseId, String runnerId, long epoch, Instant expiresAt) implements Lease {
    public Held {
      Objects.requireNonNull(leaseId, "leaseId");
      Objects.requireNonNull(runnerId, "runnerId");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean liveAt(Instant now) {
      return now.isBefore(expiresAt);
    }
  }

  default boolean heldLiveAt(Instant now) {
    return this instanceof Held h && h.liveAt(now);
  }

  default boolean matches(String leaseId, long epoch) {
    return this instanceof Held h && h.leaseId().equals(leaseId) && h.epoch() == epoch;
  }
}
