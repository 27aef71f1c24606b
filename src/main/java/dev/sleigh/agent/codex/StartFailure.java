package dev.sleigh.agent.codex;

import dev.sleigh.agent.AgentFailure;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentProcess;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Why the app-server did not start a thread. One that exited saying {@code Error: …} refused its
 * configuration (an unknown or reserved provider, a bad {@code -c} value): every attempt would meet
 * that again, so it is final, naming codex's own words. Any other end is retryable.
 */
final class StartFailure {
  private static final Duration EXIT_LIMIT = Duration.ofMillis(500);

  private StartFailure() {}

  /** The launch failure for {@code cause}, told from how {@code process} ended and its log. */
  static AgentLaunchException of(AgentProcess process, Path logFile, Exception cause) {
    boolean exited = exitedSoon(process);
    if (exited) {
      var refusal = StartRefusal.in(logFile);
      if (refusal.isPresent()) {
        return new AgentLaunchException(
            AgentFailure.CONFIG_REFUSED,
            "codex app-server refused its configuration ("
                + refusal.get()
                + "); fix agent.codex.config or the agent.* keys in sleigh.md",
            cause);
      }
    }
    String why = exited ? "it exited with code " + process.exitCode() : cause.getMessage();
    return new AgentLaunchException(
        "codex app-server did not start a thread (" + why + "); its stderr is in " + logFile,
        cause);
  }

  /** Whether the app-server has exited, or does within a moment, with its output read. */
  private static boolean exitedSoon(AgentProcess process) {
    try {
      boolean exited = !process.isAlive() || process.waitFor(EXIT_LIMIT);
      if (exited) {
        process.awaitOutput(EXIT_LIMIT);
      }
      return exited;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
