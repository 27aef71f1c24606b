package dev.sleigh.process;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child this JVM started and has not closed yet. Signals are process-wide, so this is the one
 * static holder: a runner that must end at once (a second SIGTERM, an outage past its limit) kills
 * them all first, and a shutdown checks that none is left. It knows a child only as a {@link
 * Member}, what {@link Child} registers itself as, so the registry does not depend on the child.
 */
public final class LiveChildren {
  private static final Set<Member> OPEN = ConcurrentHashMap.newKeySet();

  /** What the registry needs of a live child: a way to end its whole tree. */
  public interface Member {
    /** SIGKILL to the whole tree at once, waiting at most {@code limit} for it to go. */
    void kill(Duration limit);
  }

  private LiveChildren() {}

  static void add(Member child) {
    OPEN.add(child);
  }

  static void remove(Member child) {
    OPEN.remove(child);
  }

  /** The children not yet closed whose tree may still run. */
  public static List<Member> open() {
    return List.copyOf(OPEN);
  }

  /** SIGKILL to every open child's whole tree, waiting at most {@code limit} for them to go. */
  public static void killAll(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    for (Member child : open()) {
      long left = Math.max(0, deadline - System.nanoTime());
      child.kill(Duration.ofNanos(left));
    }
  }
}
