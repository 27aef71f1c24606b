package dev.sleigh.runtime;

import dev.sleigh.domain.Safeguards;
import dev.sleigh.runtime.phase.StepHooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The configured hooks for {@code gc}, outside any run: nothing cancels them but their timeout. */
public final class Hooks {
  private final StepHooks hooks;

  public Hooks(Safeguards.Hooks hooks, Duration grace) {
    this.hooks = StepHooks.unattended(hooks, grace);
  }

  /**
   * {@code before_remove}: empty when the workspace may go, else why it stays (a blocking hook
   * failed).
   */
  public Optional<String> beforeRemove(Path workspace, Path log) throws InterruptedException {
    return hooks.beforeRemove(workspace, log);
  }
}
