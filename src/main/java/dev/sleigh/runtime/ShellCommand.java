package dev.sleigh.runtime;

import dev.sleigh.process.Child;
import dev.sleigh.process.ChildLaunch;
import dev.sleigh.process.Watchdog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A shell snippet ({@code bash -lc}) run in the workspace as a {@link Child}: its output appended
 * to a log file, its timeout watched by the {@link Watchdog}, its whole tree ended at the timeout
 * and, once it exited, whatever it left running in the background. Used by hooks and evidence
 * commands; they carry the run's tags, so a runner that takes the commission over ends them too.
 */
final class ShellCommand {
  /** How long past the timeout and grace the wait goes on if the watchdog never fires. */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  /** How it ended: exit code (-1 when it timed out or could not start) and what it printed. */
  record Outcome(int exitCode, boolean timedOut, String output, String error) {
    boolean passed() {
      return !timedOut && error == null && exitCode == 0;
    }
  }

  /** What to run, where, for how long, and the variables that tag it as a run's child. */
  record Script(String text, Path cwd, Path log, Duration timeout, Map<String, String> tags) {}

  private ShellCommand() {}

  static Outcome run(Script script, Duration grace) throws InterruptedException {
    long before;
    Child child;
    try {
      Files.createDirectories(script.log().getParent());
      before = Files.exists(script.log()) ? Files.size(script.log()) : 0;
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(script.tags());
      child =
          Child.start(
              new ChildLaunch(
                  List.of("bash", "-lc", script.text()),
                  script.cwd(),
                  env,
                  new ChildLaunch.Input.Nothing(),
                  new ChildLaunch.Output.ToFiles(script.log(), null)));
    } catch (IOException e) {
      return new Outcome(-1, false, "", e.getMessage());
    }
    try (child) {
      boolean exited = awaitExit(child, script.timeout(), grace);
      if (!exited) {
        child.stop(grace);
      }
      return new Outcome(
          exited ? child.exitCode() : -1, !exited, output(script.log(), before), null);
    } catch (InterruptedException e) {
      child.stop(grace);
      throw e;
    }
  }

  /** True when the script exited by itself within its timeout. */
  private static boolean awaitExit(Child child, Duration timeout, Duration grace)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Watchdog.Watch<Boolean> limit =
        Watchdog.shared()
            .watch(
                child,
                grace,
                () ->
                    child.isAlive() && System.nanoTime() - deadline >= 0
                        ? Optional.of(true)
                        : Optional.empty())) {
      CompletableFuture.anyOf(child.onExit(), limit.fired())
          .get(timeout.plus(grace).plus(MARGIN).toNanos(), TimeUnit.NANOSECONDS);
      return !limit.fired().isDone() && !child.isAlive();
    } catch (ExecutionException | TimeoutException e) {
      return !child.isAlive();
    }
  }

  private static String output(Path log, long before) {
    try {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(before, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
