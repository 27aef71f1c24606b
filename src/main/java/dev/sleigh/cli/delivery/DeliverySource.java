package dev.sleigh.cli.delivery;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.Checkpoints;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.Git;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where {@code result}, {@code diff} and {@code apply} read a commission's change: its latest
 * checkpoint in the store when it has one — on any host of the store, workspace or not — loaded
 * into the commission's repository (for a repository URL: into the workspace here, or a scratch
 * clone); else the workspace on this host, as before checkpoints existed.
 */
final class DeliverySource implements AutoCloseable {
  /** The change, and the checkpoint it came from (null: the workspace here). */
  record Change(Diffs.Snapshot snapshot, String checkpoint, String where) {}

  private final Git git;
  private Path scratch;

  DeliverySource(Git git) {
    this.git = git;
  }

  /** The change of {@code record}; empty when there is neither a checkpoint nor a workspace. */
  Optional<Change> change(CommissionStore store, CommissionRecord record, Workspaces workspaces) {
    String id = record.id();
    Optional<CheckpointRef> latest = CheckpointRef.latest(store.events(id, 0));
    Optional<Workspace> here = workspaces.find(id);
    if (latest.isPresent()) {
      CheckpointRef ref = latest.get();
      Optional<byte[]> pack = store.checkpointPack(id, ref.commit());
      if (pack.isPresent()) {
        Path repo = repository(record, here);
        Diffs.Snapshot snapshot =
            new Checkpoints(git)
                .snapshot(
                    repo,
                    new Checkpoints.Checkpoint(ref.commit(), ref.tree(), ref.base()),
                    pack.get());
        return Optional.of(new Change(snapshot, ref.commit(), "checkpoint " + ref.commit()));
      }
    }
    return here.map(ws -> new Change(new Diffs(git).snapshot(ws), null, ws.path().toString()));
  }

  private Path repository(CommissionRecord record, Optional<Workspace> here) {
    var repo = record.spec().repo();
    if (repo.path() != null) {
      return Path.of(repo.path());
    }
    if (here.isPresent()) {
      return here.get().path();
    }
    try {
      scratch = Files.createTempDirectory("sleigh-checkpoint-");
    } catch (IOException e) {
      throw new WorkspaceException("could not create a temporary directory: " + e, true, e);
    }
    Path clone = scratch.resolve("repo");
    git.run(scratch, "clone", "--bare", "--quiet", "--", repo.url(), clone.toString());
    return clone;
  }

  @Override
  public void close() {
    if (scratch == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(scratch)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary clone left behind is harmless
    }
  }
}
