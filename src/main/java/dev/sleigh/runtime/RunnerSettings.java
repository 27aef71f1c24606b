package dev.sleigh.runtime;

import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.domain.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a runner is told by its configuration and command line. {@code queue}: the only queue it
 * claims from, or null for every queue.
 */
public record RunnerSettings(
    String runnerId,
    int concurrency,
    Timing timing,
    boolean revalidateOnResume,
    RetryPolicy retry,
    Workflow workflow,
    Path logDir,
    Map<String, String> agentEnv,
    Safeguards safeguards,
    long maxCheckpointSize,
    String queue) {

  /** Settings of a runner that claims from every queue. */
  public RunnerSettings(
      String runnerId,
      int concurrency,
      Timing timing,
      boolean revalidateOnResume,
      RetryPolicy retry,
      Workflow workflow,
      Path logDir,
      Map<String, String> agentEnv,
      Safeguards safeguards,
      long maxCheckpointSize) {
    this(
        runnerId,
        concurrency,
        timing,
        revalidateOnResume,
        retry,
        workflow,
        logDir,
        agentEnv,
        safeguards,
        maxCheckpointSize,
        null);
  }

  /** The same settings, claiming from queue {@code name} only (null: every queue). */
  public RunnerSettings withQueue(String name) {
    return new RunnerSettings(
        runnerId,
        concurrency,
        timing,
        revalidateOnResume,
        retry,
        workflow,
        logDir,
        agentEnv,
        safeguards,
        maxCheckpointSize,
        name);
  }

  /** Settings with the default largest checkpoint, 100 MB. */
  public RunnerSettings(
      String runnerId,
      int concurrency,
      Timing timing,
      boolean revalidateOnResume,
      RetryPolicy retry,
      Workflow workflow,
      Path logDir,
      Map<String, String> agentEnv,
      Safeguards safeguards) {
    this(
        runnerId,
        concurrency,
        timing,
        revalidateOnResume,
        retry,
        workflow,
        logDir,
        agentEnv,
        safeguards,
        100_000_000L);
  }

  /** Settings with the default gates and no hooks. */
  public RunnerSettings(
      String runnerId,
      int concurrency,
      Timing timing,
      boolean revalidateOnResume,
      RetryPolicy retry,
      Workflow workflow,
      Path logDir,
      Map<String, String> agentEnv) {
    this(
        runnerId,
        concurrency,
        timing,
        revalidateOnResume,
        retry,
        workflow,
        logDir,
        agentEnv,
        Safeguards.DEFAULT);
  }

  public RunnerSettings {
    Objects.requireNonNull(runnerId, "runnerId");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(logDir, "logDir");
    agentEnv = Map.copyOf(agentEnv);
    Objects.requireNonNull(safeguards, "safeguards");
    if (maxCheckpointSize <= 0) {
      throw new IllegalArgumentException("maxCheckpointSize must be positive");
    }
  }

  /** The runner's clocks: how often it polls, how long a lease lives, how long agents may take. */
  public record Timing(
      Duration pollInterval,
      Duration leaseTtl,
      Duration cancelGrace,
      Duration stallTimeout,
      Duration turnTimeout,
      Duration storeOutageLimit) {

    /** The runner's clocks, riding through a store outage for up to ten minutes. */
    public Timing(
        Duration pollInterval,
        Duration leaseTtl,
        Duration cancelGrace,
        Duration stallTimeout,
        Duration turnTimeout) {
      this(pollInterval, leaseTtl, cancelGrace, stallTimeout, turnTimeout, Duration.ofMinutes(10));
    }

    /** Heartbeats go out three times per lease lifetime. */
    public Duration heartbeatInterval() {
      return leaseTtl.dividedBy(3);
    }
  }
}
