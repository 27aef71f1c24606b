package dev.sleigh.store;

import dev.sleigh.domain.Phase;
import java.time.Instant;
import java.util.Map;

/** A durable fact a phase produced: a test run, a diff summary, a commit. */
public record EvidenceRecord(
    String commissionId,
    long seq,
    int generation,
    Phase phase,
    String name,
    Map<String, Object> facts,
    Instant at) {}
