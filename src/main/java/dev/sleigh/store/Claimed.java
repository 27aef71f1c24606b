package dev.sleigh.store;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Lease;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.lifecycle.ResumePoint;

/** A successful claim: the new lease, the run it starts, and where the run resumes. */
public record Claimed(CommissionRecord record, Lease.Held lease, String runId, ResumePoint resume) {
  public LeaseToken token() {
    return new LeaseToken(lease.leaseId(), lease.epoch());
  }
}
