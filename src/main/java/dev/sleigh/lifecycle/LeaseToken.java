package dev.sleigh.lifecycle;

import java.util.Objects;

/** What a runner presents to prove it still holds a commission: the fencing pair. */
public record LeaseToken(String leaseId, long epoch) {
  public LeaseToken {
    Objects.requireNonNull(leaseId, "leaseId");
  }
}
