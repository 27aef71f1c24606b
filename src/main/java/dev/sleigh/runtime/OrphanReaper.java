package dev.sleigh.runtime;

import dev.sleigh.process.Child;
import dev.sleigh.process.Liveness;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.RuntimeRun;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a runner works on a commission it took over, it ends any agent tree that an earlier run on
 * this host started and that outlived its runner. The recorded start time tells the agent from an
 * unrelated process that reused its pid.
 */
final class OrphanReaper {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);
  private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

  private final CommissionStore store;
  private final String host;

  OrphanReaper(CommissionStore store, String host) {
    this.store = store;
    this.host = host;
  }

  void reap(String commissionId, String currentRunId) throws InterruptedException {
    for (RuntimeRun run : store.runs(commissionId)) {
      RuntimeRun.AgentProcessRef agent = run.agent();
      if (run.runId().equals(currentRunId) || agent == null || !host.equals(agent.host())) {
        continue;
      }
      Optional<ProcessHandle> alive =
          ProcessHandle.of(agent.pid()).filter(h -> sameProcess(h, agent));
      if (alive.isPresent()) {
        LOG.warn(
            "{}: agent {} of run {} outlived its runner; ending its process tree",
            commissionId,
            agent.pid(),
            run.runId());
        Child.killLeftover(alive.get(), KILL_LIMIT);
      }
    }
  }

  /**
   * Ends the agent trees of runs on this host that ended while their agent lived on — a runner that
   * died before a cancel, or a commission failed by the sweeper — since {@code since}. The runs of
   * {@code ownRuns} are this runner's own, still in flight: their heartbeat stops them, with the
   * cancel grace.
   */
  void reapEnded(Instant since, Set<String> ownRuns) throws InterruptedException {
    for (RuntimeRun run : store.endedRunsWithAgents(host, since)) {
      if (ownRuns.contains(run.runId())) {
        continue;
      }
      RuntimeRun.AgentProcessRef agent = run.agent();
      Optional<ProcessHandle> alive =
          ProcessHandle.of(agent.pid())
              .filter(Liveness::running)
              .filter(h -> sameProcess(h, agent));
      if (alive.isPresent()) {
        LOG.warn(
            "{}: agent {} of ended run {} is still running; ending its process tree",
            run.commissionId(),
            agent.pid(),
            run.runId());
        Child.killLeftover(alive.get(), KILL_LIMIT);
      }
    }
  }

  private static boolean sameProcess(ProcessHandle h, RuntimeRun.AgentProcessRef agent) {
    if (agent.startedAt() == null) {
      return false;
    }
    return h.info()
        .startInstant()
        .map(
            s ->
                s.truncatedTo(ChronoUnit.MILLIS)
                    .equals(agent.startedAt().truncatedTo(ChronoUnit.MILLIS)))
        .orElse(false);
  }
}
