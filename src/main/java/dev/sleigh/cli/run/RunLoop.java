package dev.sleigh.cli.run;

import dev.sleigh.runtime.Runner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives a runner's ticks for {@code run} and {@code demo}: once, until drained, or until stopped.
 */
final class RunLoop {
  enum Mode {
    ONCE,
    DRAIN,
    FOREVER
  }

  private RunLoop() {}

  /**
   * Ticks until the mode is satisfied, {@code stop} is set, the store has been unreachable for
   * longer than its outage limit, or it answered that it is damaged; returns how many were claimed.
   */
  static int drive(Runner runner, Mode mode, AtomicBoolean stop) throws InterruptedException {
    int claimed = runner.tick();
    if (mode == Mode.ONCE) {
      runner.stopClaiming();
    }
    while (!stop.get() && !runner.storeLost() && runner.storeDamage().isEmpty()) {
      if (mode == Mode.ONCE && runner.inFlight() == 0 && !runner.publishing()
          || mode == Mode.DRAIN && runner.drained()) {
        break;
      }
      runner.awaitChange(runner.tickInterval());
      claimed += runner.tick();
    }
    return claimed;
  }
}
