package dev.sleigh.runtime.phase;

import dev.sleigh.lifecycle.CheckpointPack;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A workspace held in memory: the test says which paths changed and what the patch adds; it
 * remembers the checkpoints taken and whether it was removed. Nothing touches git or the disk.
 */
final class MemoryWorkbench implements Workbench {
  final List<String> changed = new ArrayList<>();
  final List<Integer> turnsCheckpointed = new ArrayList<>();
  final CheckpointPack checkpoint = Fixtures.pack();
  String patch = "";
  boolean created;
  boolean removed;
  RuntimeException notReady;

  @Override
  public Workspace ready(boolean exact) {
    if (notReady != null) {
      throw notReady;
    }
    return new Workspace(Path.of("/nowhere/ws"), "wc-1", created, "base");
  }

  MemoryWorkbench failing(String why, boolean retryable) {
    notReady = new WorkspaceException(why, retryable);
    return this;
  }

  @Override
  public void remove() {
    removed = true;
  }

  @Override
  public Optional<PhaseResult> afterTurn(Workspace ws, int attempt, int turn) {
    turnsCheckpointed.add(turn);
    return Optional.empty();
  }

  @Override
  public PhaseResult passed(Workspace ws) {
    return new PhaseResult.Passed(checkpoint);
  }

  @Override
  public List<String> changed(Workspace ws) {
    return List.copyOf(changed);
  }

  @Override
  public String patch(Workspace ws) {
    return patch;
  }
}
