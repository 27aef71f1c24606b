package dev.sleigh.view;

import dev.sleigh.domain.Lease;
import java.time.Instant;

/** The lease a runner holds; absent (null) when the commission is free. */
public record LeaseView(String leaseId, String runnerId, long epoch, Instant expiresAt) {

  public static LeaseView of(Lease lease) {
    return switch (lease) {
      case Lease.Free free -> null;
      case Lease.Held held ->
          new LeaseView(held.leaseId(), held.runnerId(), held.epoch(), held.expiresAt());
    };
  }
}
