package dev.sleigh.process;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child this JVM started and has not closed yet. Signals are process-wide, so this is the one
 * static holder: a runner that must end at once (a second SIGTERM, an outage past its limit) kills
 * them all first, and a shutdown checks that none is left.
 */
public final class LiveChildren {
  private static final Set<Child> OPEN = ConcurrentHashMap.newKeySet();

  private LiveChildren() {}

  static void add(Child child) {
    OPEN.add(child);
  }

  static void remove(Child child) {
    OPEN.remove(child);
  }

  /** The children not yet closed whose tree may still run. */
  public static List<Child> open() {
    return List.copyOf(OPEN);
  }

  /** SIGKILL to every open child's whole tree, waiting at most {@code limit} for them to go. */
  public static void killAll(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    for (Child child : open()) {
      long left = Math.max(0, deadline - System.nanoTime());
      child.kill(Duration.ofNanos(left));
    }
  }
}
