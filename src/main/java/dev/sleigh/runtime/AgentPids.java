package dev.sleigh.runtime;

import dev.sleigh.store.RuntimeRun;
import dev.sleigh.store.StoreException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records the pid of a run's agent with its run, so a later runner can find it by pid too. */
final class AgentPids {
  private static final Logger LOG = LoggerFactory.getLogger(AgentPids.class);

  private final RunnerContext ctx;
  private final Journal journal;

  AgentPids(RunnerContext ctx, Journal journal) {
    this.ctx = ctx;
    this.journal = journal;
  }

  void started(long pid) {
    if (pid <= 0) {
      return;
    }
    Optional<Instant> started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    try {
      ctx.store()
          .recordAgent(
              journal.runId(),
              new RuntimeRun.AgentProcessRef(ctx.self().host(), pid, started.orElse(null)));
    } catch (StoreException e) {
      // The agent carries its run's tags, which is how a later runner finds it; the pid is extra.
      LOG.info(
          "{}: could not record agent pid {} ({}); going on",
          journal.commissionId(),
          pid,
          e.getMessage());
    }
  }
}
