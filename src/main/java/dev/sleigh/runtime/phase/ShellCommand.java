package dev.sleigh.runtime.phase;

import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.process.Child;
import dev.sleigh.process.ChildLaunch;
import dev.sleigh.process.Watchdog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
  record Outcome(
      int exitCode,
      boolean timedOut,
      boolean cancelled,
      String outputTail,
      String outputSha256,
      String error) {
    boolean passed() {
      return !timedOut && !cancelled && error == null && exitCode == 0;
    }
  }

  /**
   * What to run, where, for how long, and the variables it gets besides the minimal ones every
   * child has (PATH, HOME, LANG, TMPDIR): the run's tags and context, and what {@code hooks.env} or
   * {@code evidence.env} configure ({@code ${NAME}} and {@code ${file:PATH}} read now).
   */
  record Script(String text, Path cwd, Path log, Duration timeout, Map<String, String> env) {}

  /** How much of the output's end an outcome carries. */
  static final int TAIL_CHARS = 2_000;

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
    return run(script, grace, cancel, System.getenv());
  }

  /** The same for a runner whose own environment is {@code runner}. */
  static Outcome run(
      Script script, Duration grace, CompletableFuture<?> cancel, Map<String, String> runner)
      throws InterruptedException {
    if (cancel.isDone()) {
      return new Outcome(-1, false, true, "", null, null);
    }
    ShellOutput output;
    Child child;
    try {
      output = new ShellOutput(script.log());
    } catch (IOException e) {
      return new Outcome(-1, false, false, "", null, e.getMessage());
    }
    try {
      Map<String, String> env = ChildEnvironment.of(runner, script.env());
      env.put("SLEIGH_WORKSPACE", script.cwd().toAbsolutePath().toString());
      child =
          Child.start(
              new ChildLaunch(
                  List.of("bash", "-lc", script.text()),
                  script.cwd(),
                  env,
                  new ChildLaunch.Input.Nothing(),
                  new ChildLaunch.Output.Lines(output::line, null)));
    } catch (IOException | IllegalArgumentException e) {
      output.close();
      return new Outcome(-1, false, false, "", null, e.getMessage());
    }
    try (child;
        output) {
      Optional<Limit> limit = awaitExit(child, script.timeout(), grace, cancel);
      if (limit.isPresent()) {
        child.stop(grace);
      }
      child.awaitOutput(OUTPUT_DRAIN);
      return new Outcome(
          limit.isEmpty() ? child.exitCode() : -1,
          limit.equals(Optional.of(Limit.TIMEOUT)),
          limit.equals(Optional.of(Limit.CANCEL)),
          output.tail(TAIL_CHARS),
          output.sha256(),
          null);
    } catch (InterruptedException e) {
      child.stop(grace);
      throw e;
    }
  }

  /** How long the output may take to be read to its end once the script exited. */
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

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
}
