package dev.sleigh.store;

import java.time.Instant;

/** One attempt to carry a commission forward under one lease. */
public record RuntimeRun(
    String runId,
    String commissionId,
    String runnerId,
    String leaseId,
    long epoch,
    int generation,
    Instant startedAt,
    Instant endedAt,
    String outcome) {}
