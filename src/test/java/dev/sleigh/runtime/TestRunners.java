package dev.sleigh.runtime;

import dev.sleigh.agent.kinds.Agents;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.domain.Workflow;
import dev.sleigh.runtime.projection.ProjectionDesk;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** Runners of a {@code command} agent over a real store, as the runtime tests build them. */
final class TestRunners {
  private TestRunners() {}

  /**
   * A runner with home {@code home}: polling every 100 ms, leases of {@code ttl}, a 1 s cancel
   * grace, generous stall and turn limits, and {@code outageLimit} for an unreachable store.
   */
  static Runner commandRunner(
      CommissionStore store,
      InstantSource clock,
      Path home,
      List<String> agentArgv,
      Duration ttl,
      Duration outageLimit) {
    return commandRunner(store, clock, home, agentArgv, ttl, outageLimit, 100_000_000L);
  }

  /** The same with checkpoints of at most {@code maxCheckpointSize} bytes. */
  static Runner commandRunner(
      CommissionStore store,
      InstantSource clock,
      Path home,
      List<String> agentArgv,
      Duration ttl,
      Duration outageLimit,
      long maxCheckpointSize) {
    return commandRunner(
        store, clock, home, agentArgv, ttl, outageLimit, maxCheckpointSize, RuntimeLog.NONE);
  }

  /** The same, reporting to {@code log}. */
  static Runner commandRunner(
      CommissionStore store,
      InstantSource clock,
      Path home,
      List<String> agentArgv,
      Duration ttl,
      Duration outageLimit,
      long maxCheckpointSize,
      RuntimeLog log) {
    return new Runner(
        context(store, clock, home, agentArgv, ttl, outageLimit, maxCheckpointSize).withLog(log));
  }

  /** A runner as above whose leases last {@code ttl}, publishing projections with {@code setup}. */
  static Runner projectingRunner(
      CommissionStore store,
      InstantSource clock,
      Path home,
      List<String> agentArgv,
      Duration ttl,
      ProjectionDesk.Setup setup) {
    return new Runner(
        context(store, clock, home, agentArgv, ttl, Duration.ofMinutes(10), 100_000_000L)
            .withProjection(setup));
  }

  private static RunnerContext context(
      CommissionStore store,
      InstantSource clock,
      Path home,
      List<String> agentArgv,
      Duration ttl,
      Duration outageLimit,
      long maxCheckpointSize) {
    RunnerSettings settings =
        new RunnerSettings(
            "runner-t",
            2,
            new RunnerSettings.Timing(
                Duration.ofMillis(100),
                ttl,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                outageLimit),
            true,
            RetryPolicy.DEFAULT,
            Workflow.DEFAULT,
            home.resolve("logs"),
            Map.of(),
            Safeguards.DEFAULT,
            maxCheckpointSize);
    return new RunnerContext(
        store,
        Agents.create("command", agentArgv, Map.of(), clock),
        new Workspaces(home.resolve("workspaces")),
        (c, phase, attempt, turn, max) -> c.body(),
        clock,
        settings,
        RunnerContext.ProcessIdentity.current());
  }
}
