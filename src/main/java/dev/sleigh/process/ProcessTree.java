package dev.sleigh.process;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one child started: the root and its descendants, the members of its process group, and
 * every process that carries the child's marker in its environment (which finds one that left both
 * the tree and the group). Stopping it is SIGTERM to all of them, up to the grace for them to exit,
 * then SIGKILL, repeated until nothing of it runs, because a member may fork while it is being
 * signalled. With {@code /proc} every member is found and signalled by pid; without it the group is
 * signalled through the system's {@code kill} program.
 */
final class ProcessTree {
  /**
   * The environment variable holding the marker of a child's tree; every process of the tree
   * inherits it, so the marker finds one that left both the tree and the group.
   */
  static final String MARKER = "SLEIGH_CHILD";

  /** How long killed processes may take to disappear (an orphan waits for init to reap it). */
  static final Duration REAP_LIMIT = Duration.ofSeconds(10);

  private static final Duration KILL_ROUND = Duration.ofMillis(100);
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);

  private final ProcessHandle root;
  private final long rootStartTicks;
  private final Optional<ProcessGroup> group;
  private final String marker;

  /**
   * {@code marker}: the value of {@link #MARKER} in the environment of the child's tree; {@code
   * rootStartTicks}: when the root started as {@link ProcTable.Stat#startTicks()} says, or 0 when
   * unknown.
   */
  ProcessTree(
      ProcessHandle root, long rootStartTicks, Optional<ProcessGroup> group, String marker) {
    this.root = root;
    this.rootStartTicks = rootStartTicks;
    this.group = group;
    this.marker = marker;
  }

  /**
   * Stops the tree; when it returns nothing of it runs (unless the system never reaps). An
   * interrupt shortens the waits but never skips the kill, and stays set for the caller.
   */
  void stop(Duration grace) {
    boolean interrupted = false;
    Set<ProcessHandle> tree = collect();
    if (tree.stream().anyMatch(Liveness::running)) {
      try {
        signal("TERM", tree);
        if (!Liveness.awaitGone(tree, grace)) {
          LOG.info("Process tree of pid {} outlived the {} grace; killing it", root.pid(), grace);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    interrupted |= !kill(REAP_LIMIT);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SIGKILL to everything of the tree, again until nothing of it runs or {@code limit} passes;
   * false when interrupted (the signals have still been sent).
   */
  boolean kill(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    boolean blind = group.isPresent() && !ProcTable.available();
    while (true) {
      Set<ProcessHandle> tree = collect();
      if (!blind && tree.stream().noneMatch(Liveness::running)) {
        return true;
      }
      blind = false;
      try {
        signal("KILL", tree);
        long left = Math.max(0, deadline - System.nanoTime());
        Liveness.awaitGone(tree, Duration.ofNanos(Math.min(left, KILL_ROUND.toNanos())));
      } catch (InterruptedException e) {
        tree.forEach(ProcessHandle::destroyForcibly);
        return false;
      }
      if (System.nanoTime() >= deadline) {
        boolean gone = collect().stream().noneMatch(Liveness::running);
        if (!gone) {
          LOG.warn("Process tree of pid {} still runs after SIGKILL for {}", root.pid(), limit);
        }
        return true;
      }
    }
  }

  /**
   * The root, the members of its group, the carriers of its marker, and every descendant of any of
   * them, from one pass over {@code /proc}: a tree of hundreds of processes that keeps forking is
   * collected in the time it takes to read the table once, never once per member. Without {@code
   * /proc}, the root and its descendants as the JDK sees them.
   */
  private Set<ProcessHandle> collect() {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(root);
    if (!ProcTable.available()) {
      root.descendants().forEach(tree::add);
      return tree;
    }
    long pgid = group.isPresent() && !pidReused() ? root.pid() : -1;
    long self = ProcessHandle.current().pid();
    for (long pid : ProcTable.treeOf(root.pid(), rootStartTicks, pgid, MARKER, marker)) {
      if (pid != self) {
        ProcessHandle.of(pid).ifPresent(tree::add);
      }
    }
    return tree;
  }

  /**
   * Whether the root has exited and its pid now belongs to another process: then a group with that
   * id may be someone else's, and only the marker tells our processes apart. A group cannot get a
   * new leader while any member of the old one is alive, so this is the only way its id is reused.
   */
  private boolean pidReused() {
    return !root.isAlive() && ProcessHandle.of(root.pid()).isPresent();
  }

  private void signal(String signal, Set<ProcessHandle> tree) throws InterruptedException {
    if (group.isPresent() && !ProcTable.available()) {
      group.get().signal(signal);
    }
    boolean force = signal.equals("KILL");
    long self = ProcessHandle.current().pid();
    for (ProcessHandle h : tree) {
      if (h.pid() != self) {
        boolean sent = force ? h.destroyForcibly() : h.destroy();
        LOG.trace("SIG{} to pid {}: {}", signal, h.pid(), sent);
      }
    }
  }
}
