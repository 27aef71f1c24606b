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
 * to a log file, its timeout and its run's cancel watched by the {@link Watchdog}, its whole tree
 * ended at the timeout or the cancel and, once it exited, whatever it left running in the
 * background. Used by hooks and evidence commands; they carry the run's tags, so a runner that
 * takes the commission over ends them too.
 */
final class ShellCommand {
  /** How long past the timeout and grace the wait goes on if the watchdog never fires. */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  /**
   * How it ended: exit code (-1 when it timed out, was cancelled or could not start) and what it
   * printed.
   */
  record Outcome(int exitCode, boolean timedOut, boolean cancelled, String output, String error) {
    boolean passed() {
      return !timedOut && !cancelled && error == null && exitCode == 0;
    }
  }

  /** What to run, where, for how long, and the variables that tag it as a run's child. */
  record Script(String text, Path cwd, Path log, Duration timeout, Map<String, String> tags) {}

  /** Why the watchdog ended a script before it exited. */
  private enum Limit {
    TIMEOUT,
    CANCEL
  }

  private ShellCommand() {}

  /**
   * Runs the script until it exits, its timeout passes or {@code cancel} completes (a cancelled
   * commission, a lost lease, a shutdown); the last two end its tree within {@code grace}. A script
   * cancelled before it starts is not started.
   */
  static Outcome run(Script script, Duration grace, CompletableFuture<?> cancel)
      throws InterruptedException {
    if (cancel.isDone()) {
      return new Outcome(-1, false, true, "", null);
    }
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
      return new Outcome(-1, false, false, "", e.getMessage());
    }
    try (child) {
      Optional<Limit> limit = awaitExit(child, script.timeout(), grace, cancel);
      if (limit.isPresent()) {
        child.stop(grace);
      }
      return new Outcome(
          limit.isEmpty() ? child.exitCode() : -1,
          limit.equals(Optional.of(Limit.TIMEOUT)),
          limit.equals(Optional.of(Limit.CANCEL)),
          output(script.log(), before),
          null);
    } catch (InterruptedException e) {
      child.stop(grace);
      throw e;
    }
  }

  /** Empty when the script exited by itself within its timeout, else the limit that ended it. */
  private static Optional<Limit> awaitExit(
      Child child, Duration timeout, Duration grace, CompletableFuture<?> cancel)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Watchdog.Watch<Limit> watch =
        Watchdog.shared().watch(child, grace, () -> reached(child, deadline, cancel));
    try (watch) {
      CompletableFuture.anyOf(child.onExit(), watch.fired())
          .get(timeout.plus(grace).plus(MARGIN).toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // decided below from what the watch and the child say
    }
    if (watch.fired().isDone()) {
      return Optional.of(watch.fired().join());
    }
    return child.isAlive() ? Optional.of(Limit.TIMEOUT) : Optional.empty();
  }

  /** The limit the script has reached, if any; asked on the watchdog's thread. */
  private static Optional<Limit> reached(Child child, long deadline, CompletableFuture<?> cancel) {
    if (cancel.isDone()) {
      return Optional.of(Limit.CANCEL);
    }
    return child.isAlive() && System.nanoTime() - deadline >= 0
        ? Optional.of(Limit.TIMEOUT)
        : Optional.empty();
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
