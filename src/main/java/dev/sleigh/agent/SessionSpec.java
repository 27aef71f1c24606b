package dev.sleigh.agent;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a session needs: whose work it is, where it runs, where its stderr goes, the environment
 * configured for the agent, and its timeouts.
 */
public record SessionSpec(
    Commission commission,
    Phase phase,
    int attempt,
    Path workspace,
    Path logFile,
    Map<String, String> env,
    Timeouts timeouts) {

  public SessionSpec {
    Objects.requireNonNull(commission, "commission");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(logFile, "logFile");
    env = Map.copyOf(env);
    Objects.requireNonNull(timeouts, "timeouts");
  }

  /** Stall (no activity), whole-turn and cancel-grace limits. */
  public record Timeouts(Duration stall, Duration turn, Duration cancelGrace) {}
}
