package dev.sleigh.runtime.phase;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where hooks and evidence commands run. The real one starts a {@link ShellCommand}; a step's test
 * hands in one that answers from a script, so no process starts.
 */
@FunctionalInterface
interface Shell {
  ShellCommand.Outcome run(ShellCommand.Script script) throws InterruptedException;

  /**
   * Shell snippets as child processes; completing {@code cancel} ends the one running within {@code
   * grace} and starts no other.
   */
  static Shell processes(Duration grace, CompletableFuture<?> cancel) {
    return script -> ShellCommand.run(script, grace, cancel);
  }
}
