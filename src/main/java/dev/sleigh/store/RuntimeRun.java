package dev.sleigh.store;

import java.time.Instant;

/**
 * One attempt to carry a commission forward under one lease, and the agent process it started
 * (host, pid and the process's start time, which tells a live agent from a reused pid).
 */
public record RuntimeRun(
    String runId,
    String commissionId,
    String runnerId,
    long epoch,
    int generation,
    Instant startedAt,
    Instant endedAt,
    String outcome,
    AgentProcessRef agent) {

  /** Where an agent process of a run lives; null fields when the run started none. */
  public record AgentProcessRef(String host, long pid, Instant startedAt) {}
}
