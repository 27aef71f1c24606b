package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code sleigh gc} may remove, and removing it. The workspaces of terminal commissions
 * (completed, completed_with_projection_debt, cancelled, expired) go, unless the {@code
 * before_remove} hook keeps one; every other workspace is kept: a failed or blocked commission may
 * be requeued and continue on its work, and a running one is in use. The checkpoints of a terminal
 * commission go from the store once it ended before the retention's cut-off; until then {@code
 * result}, {@code diff} and {@code apply} work from them on any host.
 */
public final class WorkspaceCollector {
  /** Runs before a workspace is removed and may keep it, saying why. */
  public interface BeforeRemove {
    BeforeRemove NONE = (record, workspace) -> Optional.empty();

    Optional<String> keepBecause(CommissionRecord record, Path workspace);

    /**
     * The configured {@code hooks.before_remove}, logging to {@code logs/<id>/before_remove.log}: a
     * blocking failure keeps the workspace.
     */
    static BeforeRemove of(Hooks hooks, Path logs) {
      return (record, workspace) -> {
        try {
          return hooks.beforeRemove(
              workspace, logs.resolve(record.id()).resolve("before_remove.log"));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.of("interrupted while its before_remove hook ran");
        }
      };
    }
  }

  /** One commission's workspace; {@code keptBecause} is empty when it was removed. */
  public record WorkspaceEntry(
      String commissionId, CommissionState state, Path path, Optional<String> keptBecause) {}

  /** The checkpoints of one ended commission: how many and how many bytes of packs. */
  public record CheckpointsEntry(
      String commissionId, CommissionState state, int count, long bytes) {}

  /** What one collection removed (with a dry run: would remove) and what it kept. */
  public record Collection(
      List<WorkspaceEntry> removed, List<WorkspaceEntry> kept, List<CheckpointsEntry> checkpoints) {
    public Collection {
      removed = List.copyOf(removed);
      kept = List.copyOf(kept);
      checkpoints = List.copyOf(checkpoints);
    }

    /** True when a workspace that was to go could not be removed. */
    public boolean removalFailed() {
      return kept.stream()
          .anyMatch(k -> k.keptBecause().orElseThrow().startsWith(COULD_NOT_REMOVE));
    }
  }

  private static final String COULD_NOT_REMOVE = "could not remove";

  private final CommissionStore store;
  private final Workspaces workspaces;
  private final BeforeRemove beforeRemove;

  public WorkspaceCollector(
      CommissionStore store, Workspaces workspaces, BeforeRemove beforeRemove) {
    this.store = store;
    this.workspaces = workspaces;
    this.beforeRemove = beforeRemove;
  }

  /**
   * Removes the workspaces that may go, and the checkpoints of commissions that ended before {@code
   * checkpointsEndedBefore}; with {@code dryRun}, only lists them (and runs no hook).
   */
  public Collection collect(Instant checkpointsEndedBefore, boolean dryRun) {
    List<WorkspaceEntry> removed = new ArrayList<>();
    List<WorkspaceEntry> kept = new ArrayList<>();
    for (CommissionRecord record : store.list(Optional.empty())) {
      Path path = workspaces.pathFor(record.id());
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        Optional<String> why = workspace(record, path, dryRun);
        (why.isPresent() ? kept : removed)
            .add(new WorkspaceEntry(record.id(), record.state(), path, why));
      }
    }
    return new Collection(removed, kept, checkpoints(checkpointsEndedBefore, dryRun));
  }

  private List<CheckpointsEntry> checkpoints(Instant endedBefore, boolean dryRun) {
    List<CheckpointsEntry> out = new ArrayList<>();
    for (CommissionRecord record : store.list(Optional.empty())) {
      if (!record.state().terminal() || record.updatedAt().isAfter(endedBefore)) {
        continue;
      }
      var stored = store.checkpoints(record.id());
      if (stored.isEmpty()) {
        continue;
      }
      long bytes = stored.stream().mapToLong(c -> c.ref().size()).sum();
      if (!dryRun) {
        store.removeCheckpoints(record.id());
      }
      out.add(new CheckpointsEntry(record.id(), record.state(), stored.size(), bytes));
    }
    return out;
  }

  /** Removes one workspace; the reason it was kept instead, if it was. */
  private Optional<String> workspace(CommissionRecord record, Path path, boolean dryRun) {
    if (!record.state().terminal()) {
      return Optional.of(record.state().wire() + " is not terminal");
    }
    if (dryRun) {
      return Optional.empty();
    }
    Optional<String> hook = beforeRemove.keepBecause(record, path);
    if (hook.isPresent()) {
      return hook;
    }
    String repo = record.spec().repo().path();
    try {
      workspaces.remove(record.id(), repo == null ? null : Path.of(repo));
      return Optional.empty();
    } catch (WorkspaceException e) {
      return Optional.of(COULD_NOT_REMOVE + ": " + e.getMessage());
    }
  }
}
