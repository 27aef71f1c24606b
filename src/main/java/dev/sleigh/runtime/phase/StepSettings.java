package dev.sleigh.runtime.phase;

import dev.sleigh.agent.SessionSpec;
import dev.sleigh.domain.Safeguards;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * What the steps are configured with: the safeguards, where attempt logs go, the agent session's
 * limits and extra environment, the prompts of its turns, the clock, and the command of the tool
 * server an agent session is given, bound to this run's commission and lease (empty: none).
 */
public record StepSettings(
    Safeguards safeguards,
    Path logDir,
    SessionSpec.Timeouts timeouts,
    Map<String, String> agentEnv,
    TurnPrompts prompts,
    InstantSource clock,
    List<String> toolCommand) {

  public StepSettings {
    toolCommand = List.copyOf(toolCommand);
  }

  /** Settings whose agent sessions are given no tool server. */
  public StepSettings(
      Safeguards safeguards,
      Path logDir,
      SessionSpec.Timeouts timeouts,
      Map<String, String> agentEnv,
      TurnPrompts prompts,
      InstantSource clock) {
    this(safeguards, logDir, timeouts, agentEnv, prompts, clock, List.of());
  }

  /** The log of an attempt: {@code <log dir>/<commission>/<phase>-<attempt><suffix>.log}. */
  Path logFile(PhaseAttempt at, String suffix) {
    return logDir
        .resolve(at.commissionId())
        .resolve(at.phase().wire() + "-" + at.attempt() + suffix + ".log");
  }
}
