package dev.sleigh.agent;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session needs: whose work it is, where it runs, where its stderr goes, the environment
 * configured for the agent, its timeouts, and the tool server it is given ({@code null}: none, as
 * with {@code agent.tools: false}).
 */
public record SessionSpec(
    Commission commission,
    Phase phase,
    int attempt,
    Path workspace,
    Path logFile,
    Map<String, String> env,
    Timeouts timeouts,
    ToolServer tools) {

  /** A session given no tool server. */
  public SessionSpec(
      Commission commission,
      Phase phase,
      int attempt,
      Path workspace,
      Path logFile,
      Map<String, String> env,
      Timeouts timeouts) {
    this(commission, phase, attempt, workspace, logFile, env, timeouts, null);
  }

  /** The tool server the agent is to start for this session, when it has one. */
  public Optional<ToolServer> toolServer() {
    return Optional.ofNullable(tools);
  }

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
