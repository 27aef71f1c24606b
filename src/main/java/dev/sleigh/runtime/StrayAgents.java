package dev.sleigh.runtime;

import dev.sleigh.agent.Liveness;
import dev.sleigh.domain.Lease;
import dev.sleigh.store.CommissionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds agent processes on this host whose run no longer holds its commission — a runner died
 * before it could stop them, even before it could record their pid — and ends them. Every agent
 * process carries its run and commission in its environment ({@code SLEIGH_RUN_ID}, {@code
 * SLEIGH_COMMISSION_ID}); its children inherit them.
 */
final class StrayAgents {
  static final String RUN_ID = "SLEIGH_RUN_ID";
  static final String COMMISSION_ID = "SLEIGH_COMMISSION_ID";
  private static final Logger LOG = LoggerFactory.getLogger(StrayAgents.class);

  private final CommissionStore store;
  private final Duration grace;

  StrayAgents(CommissionStore store, Duration grace) {
    this.store = store;
    this.grace = grace;
  }

  /** The agent environment of one run: the configured variables plus the run's tags. */
  static Map<String, String> tagged(Map<String, String> env, String runId, String commissionId) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.put(RUN_ID, runId);
    out.put(COMMISSION_ID, commissionId);
    return out;
  }

  /** Ends every local agent process whose run is not its commission's current lease holder. */
  void reap() throws InterruptedException {
    Map<String, Boolean> strays = new HashMap<>();
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      Optional<String[]> tags = tags(p.pid());
      if (tags.isEmpty()) {
        continue;
      }
      String run = tags.get()[0];
      String commission = tags.get()[1];
      boolean stray = strays.computeIfAbsent(run, r -> stray(commission, r));
      if (stray && Liveness.running(p)) {
        LOG.warn(
            "{}: agent process {} of run {} outlived its run; ending it", commission, p.pid(), run);
        ProcessTrees.kill(p, grace);
      }
    }
  }

  /**
   * A run of this store (its id is a random ULID recorded here, so another store's agents are never
   * touched) that no longer holds its commission's lease.
   */
  private boolean stray(String commission, String run) {
    return store
        .find(commission)
        .filter(r -> store.runs(commission).stream().anyMatch(x -> x.runId().equals(run)))
        .map(r -> !(r.lease() instanceof Lease.Held h && h.leaseId().equals(run)))
        .orElse(false);
  }

  /** The run and commission an agent process was started for, read from its environment. */
  private static Optional<String[]> tags(long pid) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    String run = null;
    String commission = null;
    for (String entry : List.of(new String(raw, StandardCharsets.UTF_8).split("\0"))) {
      if (entry.startsWith(RUN_ID + "=")) {
        run = entry.substring(RUN_ID.length() + 1);
      } else if (entry.startsWith(COMMISSION_ID + "=")) {
        commission = entry.substring(COMMISSION_ID.length() + 1);
      }
    }
    return run == null || commission == null
        ? Optional.empty()
        : Optional.of(new String[] {run, commission});
  }
}
