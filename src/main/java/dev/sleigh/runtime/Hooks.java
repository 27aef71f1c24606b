package dev.sleigh.runtime;

import dev.sleigh.domain.Safeguards;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured hooks in the workspace. A blocking hook that fails (or outlives {@code
 * hooks.timeout}, which ends its process tree) fails the attempt, retryably; a warning hook's
 * failure is logged and the attempt goes on. A hook still running when its run is cancelled (a
 * cancelled commission, a lost lease, a shutdown) is ended within the grace and stops the attempt.
 */
public final class Hooks {
  private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

  private final Safeguards.Hooks hooks;
  private final java.time.Duration grace;
  private final CompletableFuture<?> cancel;

  /** Hooks that nothing cancels but their timeout, for {@code gc}. */
  public Hooks(Safeguards.Hooks hooks, java.time.Duration grace) {
    this(hooks, grace, new CompletableFuture<Void>());
  }

  /** Hooks of one run; completing {@code cancel} ends the one running and starts no other. */
  Hooks(Safeguards.Hooks hooks, java.time.Duration grace, CompletableFuture<?> cancel) {
    this.hooks = hooks;
    this.grace = grace;
    this.cancel = cancel;
  }

  /**
   * {@code before_remove}, for {@code gc}: empty when the workspace may go, else why it stays (a
   * blocking hook failed).
   */
  public java.util.Optional<String> beforeRemove(Path workspace, Path log)
      throws InterruptedException {
    PhaseResult result = run(Safeguards.HookPoint.BEFORE_REMOVE, workspace, log, null);
    return result instanceof PhaseResult.Failed f
        ? java.util.Optional.of(f.reason())
        : java.util.Optional.empty();
  }

  /** Null when the hook is absent, passed, or only warns; otherwise the attempt's failure. */
  PhaseResult run(Safeguards.HookPoint point, Path workspace, Path log, Journal journal)
      throws InterruptedException {
    Safeguards.Hook hook = hooks.hooks().get(point);
    if (hook == null) {
      return null;
    }
    if (journal != null && !journal.confirmLease()) {
      return new PhaseResult.Stopped("lease lost before the " + point.wire() + " hook");
    }
    ShellCommand.Outcome out =
        ShellCommand.run(
            new ShellCommand.Script(
                hook.script(),
                workspace,
                log,
                hooks.timeout(),
                journal == null ? hooks.env() : journal.tags().onto(hooks.env())),
            grace,
            cancel);
    if (out.cancelled()) {
      return new PhaseResult.Stopped("cancelled during the " + point.wire() + " hook");
    }
    if (journal != null) {
      journal.note(
          "hook",
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
    }
    if (out.passed()) {
      return null;
    }
    String why =
        "hook_failed:"
            + point.wire()
            + (out.timedOut()
                ? " (timed out after " + hooks.timeout() + ")"
                : " (exit " + out.exitCode() + ")");
    if (hook.policy() == Safeguards.HookPolicy.WARNING) {
      LOG.warn("{}: {}; the hook only warns, going on", workspace.getFileName(), why);
      return null;
    }
    return new PhaseResult.Failed(why, true);
  }
}
