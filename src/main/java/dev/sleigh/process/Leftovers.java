package dev.sleigh.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes that this JVM did not start and that must end: what a runner which died or lost its
 * lease left behind. They are killed child by child, not process by process: those that carry the
 * same {@link Child#MARKER} belong to one child's tree, which one {@link Child#killLeftover} ends
 * whole, forks and all. Killing each of a few hundred processes of one tree as a tree of its own
 * would walk the process table once per process and per round, slower than a tree that forks in a
 * loop grows.
 */
public final class Leftovers {
  private Leftovers() {}

  /**
   * SIGKILL to {@code processes} and to the trees of the children they belong to, one thread per
   * tree; returns once nothing of them runs or {@code limit} passed.
   */
  public static void kill(Collection<ProcessHandle> processes, Duration limit)
      throws InterruptedException {
    List<Thread> killers = new ArrayList<>();
    for (ProcessHandle root : roots(processes)) {
      killers.add(
          Thread.ofPlatform()
              .daemon()
              .name("sleigh-kill-" + root.pid())
              .start(() -> Child.killLeftover(root, limit)));
    }
    long deadline = System.nanoTime() + limit.plusSeconds(5).toNanos();
    for (Thread k : killers) {
      k.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
  }

  /**
   * One process per child tree: the group leader where one is among them (so its group is signalled
   * too), else the first; a process without a marker is a tree of its own.
   */
  private static Collection<ProcessHandle> roots(Collection<ProcessHandle> processes) {
    Map<String, ProcessHandle> roots = new LinkedHashMap<>();
    for (ProcessHandle h : processes) {
      String marker =
          ProcTable.environment(h.pid(), List.of(Child.MARKER))
              .getOrDefault(Child.MARKER, "pid " + h.pid());
      ProcessHandle known = roots.get(marker);
      if (known == null || !leads(known) && leads(h)) {
        roots.put(marker, h);
      }
    }
    return roots.values();
  }

  private static boolean leads(ProcessHandle h) {
    return ProcTable.stat(h.pid()).map(s -> s.pgid() == h.pid()).orElse(false);
  }
}
