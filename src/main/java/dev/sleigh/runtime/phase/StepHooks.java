package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Safeguards;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured hooks, run in the workspace, and the one place they stand around a step's work. A
 * blocking hook that fails (or outlives {@code hooks.timeout}, which ends its process tree) fails
 * the attempt, retryably; a warning hook's failure is logged and the attempt goes on. A hook still
 * running when its run is cancelled (a cancelled commission, a lost lease, a shutdown) is ended
 * within the grace and stops the attempt.
 */
public final class StepHooks {
  private static final Logger LOG = LoggerFactory.getLogger(StepHooks.class);

  private final Safeguards.Hooks hooks;
  private final Shell shell;
  private final PhaseJournal journal;

  StepHooks(Safeguards.Hooks hooks, Shell shell, PhaseJournal journal) {
    this.hooks = hooks;
    this.shell = shell;
    this.journal = journal;
  }

  /** Hooks outside any run, for {@code gc}: nothing cancels them but their timeout. */
  public static StepHooks unattended(Safeguards.Hooks hooks, Duration grace) {
    return new StepHooks(
        hooks, Shell.processes(grace, new CompletableFuture<Void>()), PhaseJournal.NONE);
  }

  /** How a step's work went: it ran (the after-run hook follows), or it never got going. */
  sealed interface Work {
    PhaseResult result();

    /** The work ran to {@code result}; the after-run hook runs. */
    record Ran(PhaseResult result) implements Work {}

    /** The work could not begin (no lease, no agent): nothing ran that a hook would follow. */
    record NotStarted(PhaseResult result) implements Work {}
  }

  /** The work of a step, run between the before-run and the after-run hooks. */
  @FunctionalInterface
  interface Body {
    Work run() throws InterruptedException;
  }

  /**
   * {@code before_run}, the work, {@code after_run}, and then the gates that judge the work's end.
   * What ends the attempt, first first: a failed before-run hook (the work does not run), the
   * work's own failure, a gate's, and last a failed after-run hook.
   */
  PhaseResult around(Path workspace, Path log, Body body, GateCheck atEnd)
      throws InterruptedException {
    Optional<PhaseResult> before = at(Safeguards.HookPoint.BEFORE_RUN, workspace, log);
    if (before.isPresent()) {
      return before.get();
    }
    Work work = body.run();
    if (work instanceof Work.NotStarted) {
      return work.result();
    }
    Optional<PhaseResult> after = at(Safeguards.HookPoint.AFTER_RUN, workspace, log);
    if (!(work.result() instanceof PhaseResult.Passed)) {
      return work.result();
    }
    Optional<PhaseResult> gate = atEnd.check();
    return gate.or(() -> after).orElse(work.result());
  }

  /**
   * {@code before_remove}, for {@code gc}: empty when the workspace may go, else why it stays (a
   * blocking hook failed).
   */
  public Optional<String> beforeRemove(Path workspace, Path log) throws InterruptedException {
    return at(Safeguards.HookPoint.BEFORE_REMOVE, workspace, log)
        .flatMap(
            r -> r instanceof PhaseResult.Failed f ? Optional.of(f.reason()) : Optional.empty());
  }

  /** Empty when the hook is absent, passed, or only warns; otherwise how the attempt ends. */
  Optional<PhaseResult> at(Safeguards.HookPoint point, Path workspace, Path log)
      throws InterruptedException {
    Safeguards.Hook hook = hooks.hooks().get(point);
    if (hook == null) {
      return Optional.empty();
    }
    if (!journal.confirmLease()) {
      return Optional.of(
          new PhaseResult.Stopped("lease lost before the " + point.wire() + " hook"));
    }
    ShellCommand.Outcome out =
        shell.run(
            new ShellCommand.Script(
                hook.script(), workspace, log, hooks.timeout(), journal.tagged(hooks.env())));
    if (out.cancelled()) {
      return Optional.of(new PhaseResult.Stopped("cancelled during the " + point.wire() + " hook"));
    }
    journal.note(
        RunNote.HOOK,
        null,
        0,
        Map.of(
            "hook",
            point.wire(),
            "exit_code",
            out.exitCode(),
            "timed_out",
            out.timedOut(),
            "passed",
            out.passed()));
    if (out.passed()) {
      return Optional.empty();
    }
    String why =
        "hook_failed:"
            + point.wire()
            + (out.timedOut()
                ? " (timed out after " + hooks.timeout() + ")"
                : " (exit " + out.exitCode() + ")");
    return switch (hook.policy()) {
      case WARNING -> {
        LOG.warn("{}: {}; the hook only warns, going on", workspace.getFileName(), why);
        yield Optional.empty();
      }
      case BLOCKING -> Optional.of(new PhaseResult.Failed(why, true));
    };
  }
}
