package dev.sleigh.runtime;

import dev.sleigh.domain.Lease;
import dev.sleigh.process.Leftovers;
import dev.sleigh.store.CommissionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the child processes on this host — agents, hooks, evidence commands and whatever they
 * started — whose run no longer holds its commission (a runner died, was paused past its lease, or
 * lost the commission to a cancel) and kills them, even those whose pid was never recorded: every
 * one carries its {@link RunTags} in its environment.
 */
final class StrayAgents {
  private static final Logger LOG = LoggerFactory.getLogger(StrayAgents.class);
  private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

  private final CommissionStore store;

  StrayAgents(CommissionStore store) {
    this.store = store;
  }

  /**
   * Kills every local child process whose run is not its commission's current lease holder, except
   * those of {@code ownRuns}, this runner's runs in flight, which their heartbeat stops with the
   * cancel grace.
   */
  void reap(Set<String> ownRuns) throws InterruptedException {
    Map<String, Boolean> strays = new HashMap<>();
    List<RunTags.Tagged> doomed = new ArrayList<>();
    for (RunTags.Tagged t : RunTags.scan()) {
      if (ownRuns.contains(t.tags().runId())) {
        continue;
      }
      if (strays.computeIfAbsent(t.tags().runId(), r -> stray(t.tags()))) {
        doomed.add(t);
      }
    }
    kill(doomed, "has lost its lease");
  }

  /**
   * Before {@code currentRun} works on {@code commissionId}: kills every local child process of any
   * other run of it, so no two runs' processes ever work in its workspace at once. Only runs this
   * store recorded count: another store on the same host (another project, another user) may have a
   * commission of the same id, and its processes are none of this runner's business.
   */
  void reapOthers(String commissionId, String currentRun) throws InterruptedException {
    List<RunTags.Tagged> doomed = new ArrayList<>();
    Set<String> known = null;
    for (RunTags.Tagged t : RunTags.scan()) {
      if (!t.tags().commissionId().equals(commissionId) || t.tags().runId().equals(currentRun)) {
        continue;
      }
      if (known == null) {
        known = runsOf(commissionId);
      }
      if (known.contains(t.tags().runId())) {
        doomed.add(t);
      }
    }
    kill(doomed, "is an earlier run of it");
  }

  private Set<String> runsOf(String commissionId) {
    return store.runs(commissionId).stream().map(r -> r.runId()).collect(Collectors.toSet());
  }

  /** Kills every local process of run {@code runId}, whatever its commission. */
  static void killRun(String runId) throws InterruptedException {
    List<RunTags.Tagged> doomed = new ArrayList<>();
    for (RunTags.Tagged t : RunTags.scan()) {
      if (t.tags().runId().equals(runId)) {
        doomed.add(t);
      }
    }
    kill(doomed, "did not stop by the shutdown deadline");
  }

  /**
   * Kills the processes, and the trees they belong to, side by side on platform threads, and waits
   * until all are gone.
   */
  private static void kill(List<RunTags.Tagged> doomed, String why) throws InterruptedException {
    Map<RunTags, List<Long>> byRun = new LinkedHashMap<>();
    List<ProcessHandle> handles = new ArrayList<>();
    for (RunTags.Tagged t : doomed) {
      byRun.computeIfAbsent(t.tags(), r -> new ArrayList<>()).add(t.pid());
      ProcessHandle.of(t.pid()).ifPresent(handles::add);
    }
    byRun.forEach(
        (tags, pids) ->
            LOG.warn(
                "{}: run {} {}; killing its {} process(es) here: {}",
                tags.commissionId(),
                tags.runId(),
                why,
                pids.size(),
                pids));
    Leftovers.kill(handles, KILL_LIMIT);
  }

  /**
   * A run of this store (its id is a random ULID recorded here, so another store's processes are
   * never touched) that no longer holds its commission's lease.
   */
  private boolean stray(RunTags tags) {
    String commission = tags.commissionId();
    return store
        .find(commission)
        .filter(r -> store.runs(commission).stream().anyMatch(x -> x.runId().equals(tags.runId())))
        .map(r -> !(r.lease() instanceof Lease.Held h && h.leaseId().equals(tags.runId())))
        .orElse(false);
  }
}
