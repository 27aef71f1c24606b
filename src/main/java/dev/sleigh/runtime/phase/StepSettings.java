package dev.sleigh.runtime.phase;

import dev.sleigh.agent.SessionSpec;
import dev.sleigh.domain.Safeguards;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * What the steps are configured with: the safeguards, where attempt logs go, the agent session's
 * limits and extra environment, the prompts of its turns, and the clock.
 */
public record StepSettings(
    Safeguards safeguards,
    Path logDir,
    SessionSpec.Timeouts timeouts,
    Map<String, String> agentEnv,
    TurnPrompts prompts,
    InstantSource clock) {
  /** The log of an attempt: {@code <log dir>/<commission>/<phase>-<attempt><suffix>.log}. */
  Path logFile(PhaseAttempt at, String suffix) {
    return logDir
        .resolve(at.commissionId())
        .resolve(at.phase().wire() + "-" + at.attempt() + suffix + ".log");
  }
}
