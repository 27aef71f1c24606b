package dev.sleigh.agent;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an agent's whole process tree: SIGTERM to its group and to every descendant collected before
 * signalling (a killed parent orphans its children, which then drop out of {@code descendants()}),
 * up to the grace for them to exit, then SIGKILL to whatever is left.
 */
final class ProcessTree {
  /** How long killed processes may take to disappear (an orphan waits for init to reap it). */
  static final Duration REAP_LIMIT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);

  private final ProcessHandle root;
  private final Optional<ProcessGroup> group;

  ProcessTree(ProcessHandle root, Optional<ProcessGroup> group) {
    this.root = root;
    this.group = group;
  }

  /**
   * Stops the tree; when it returns nothing of it is alive (unless the system never reaps). An
   * interrupt shortens the waits but never skips the kill, and stays set for the caller.
   */
  void stop(Duration grace) {
    boolean interrupted = false;
    Set<ProcessHandle> tree = collect();
    if (tree.stream().noneMatch(Liveness::running)) {
      return;
    }
    try {
      signal("TERM", tree);
      awaitExit(tree, grace);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    tree.addAll(collect());
    if (tree.stream().anyMatch(Liveness::running)) {
      LOG.info("Agent process tree of pid {} outlived the {} grace; killing it", root.pid(), grace);
      interrupted |= killAndReap(tree);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean killAndReap(Set<ProcessHandle> tree) {
    try {
      signal("KILL", tree);
      awaitExit(tree, REAP_LIMIT);
      return false;
    } catch (InterruptedException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      return true;
    }
  }

  private Set<ProcessHandle> collect() {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    group.ifPresent(
        g ->
            g.members()
                .forEach(
                    m -> {
                      tree.add(m);
                      m.descendants().forEach(tree::add);
                    }));
    return tree;
  }

  private void signal(String signal, Set<ProcessHandle> tree) throws InterruptedException {
    if (group.isPresent()) {
      group.get().signal(signal);
    }
    boolean force = signal.equals("KILL");
    for (ProcessHandle h : tree) {
      boolean sent = force ? h.destroyForcibly() : h.destroy();
      LOG.trace("SIG{} to pid {}: {}", signal, h.pid(), sent);
    }
  }

  private static void awaitExit(Set<ProcessHandle> tree, Duration limit)
      throws InterruptedException {
    Liveness.awaitGone(tree, limit);
  }
}
