package dev.sleigh.cli.common;

import dev.sleigh.process.LiveChildren;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT and SIGTERM: the first asks the running command to shut down gracefully; a second one ends
 * the process at once, after killing every child process it started. Signals are process-wide, so
 * this is the one static holder; commands that have nothing to shut down leave the first signal to
 * end the process too.
 */
public final class ShutdownSignals {
  private static final AtomicInteger RECEIVED = new AtomicInteger();
  private static final AtomicReference<Runnable> GRACEFUL = new AtomicReference<>();
  private static final Duration HALT_KILL_LIMIT = Duration.ofSeconds(5);

  private ShutdownSignals() {}

  /** Installs the handlers; called once by {@code Main} for a real process, never in tests. */
  public static void install() {
    for (String name : new String[] {"INT", "TERM"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> receive());
    }
  }

  /** What the first signal does while a command runs; null when it is done. */
  public static void onFirstSignal(Runnable graceful) {
    GRACEFUL.set(graceful);
  }

  static void receive() {
    Runnable graceful = GRACEFUL.get();
    if (RECEIVED.incrementAndGet() > 1 || graceful == null) {
      // Ending at once must not leave agents running unsupervised until their leases expire.
      LiveChildren.killAll(HALT_KILL_LIMIT);
      Runtime.getRuntime().halt(130);
    }
    Thread.ofPlatform().name("sleigh-shutdown").start(graceful);
  }
}
