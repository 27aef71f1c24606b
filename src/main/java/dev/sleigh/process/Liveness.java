package dev.sleigh.process;

import java.time.Duration;
import java.util.Collection;

/**
 * Whether a process still runs. An exited process that its parent has not reaped yet (a zombie)
 * counts as gone: it can do nothing more, and orphans wait on an init that may reap slowly.
 */
public final class Liveness {
  private static final long POLL_MILLIS = 20;

  private Liveness() {}

  public static boolean running(ProcessHandle h) {
    return h.isAlive() && !ProcTable.stat(h.pid()).map(ProcTable.Stat::zombie).orElse(false);
  }

  public static boolean running(long pid) {
    return ProcessHandle.of(pid).map(Liveness::running).orElse(false);
  }

  /** Waits until none of {@code processes} runs, at most {@code limit}; true when none does. */
  public static boolean awaitGone(Collection<ProcessHandle> processes, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (processes.stream().anyMatch(Liveness::running)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }
}
