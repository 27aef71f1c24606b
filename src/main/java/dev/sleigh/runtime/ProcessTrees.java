package dev.sleigh.runtime;

import dev.sleigh.agent.Liveness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Ends a process and every descendant: politely first, then by force after the grace. */
final class ProcessTrees {
  private ProcessTrees() {}

  static void kill(ProcessHandle root, Duration grace) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    if (!Liveness.awaitGone(tree, grace)) {
      tree.stream().filter(Liveness::running).forEach(ProcessHandle::destroyForcibly);
      Liveness.awaitGone(tree, grace);
    }
  }
}
