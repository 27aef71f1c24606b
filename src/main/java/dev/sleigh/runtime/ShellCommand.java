package dev.sleigh.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A shell snippet ({@code bash -lc}) run in the workspace in a process group of its own, its output
 * appended to a log file, and its whole tree ended at the timeout. Used by hooks and evidence
 * commands.
 */
final class ShellCommand {
  /** How it ended: exit code (-1 when it timed out or could not start) and what it printed. */
  record Outcome(int exitCode, boolean timedOut, String output, String error) {
    boolean passed() {
      return !timedOut && error == null && exitCode == 0;
    }
  }

  private ShellCommand() {}

  static Outcome run(String script, Path cwd, Path log, Duration timeout, Duration grace)
      throws InterruptedException {
    try {
      Files.createDirectories(log.getParent());
      long before = Files.exists(log) ? Files.size(log) : 0;
      Process p =
          new ProcessBuilder(List.of("setsid", "bash", "-lc", script))
              .directory(cwd.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        ProcessTrees.kill(p.toHandle(), grace);
      }
      byte[] all = Files.readAllBytes(log);
      String output =
          new String(
              all,
              (int) Math.min(before, all.length),
              (int) (all.length - Math.min(before, all.length)),
              StandardCharsets.UTF_8);
      return new Outcome(exited ? p.exitValue() : -1, !exited, output, null);
    } catch (IOException e) {
      return new Outcome(-1, false, "", e.getMessage());
    }
  }
}
