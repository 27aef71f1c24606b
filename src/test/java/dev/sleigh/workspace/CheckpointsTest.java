package dev.sleigh.workspace;

import static dev.sleigh.workspace.TestRepos.GIT;
import static dev.sleigh.workspace.TestRepos.commitAll;
import static dev.sleigh.workspace.TestRepos.fromPath;
import static dev.sleigh.workspace.TestRepos.repoWithOneCommit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints between two hosts: a workspace on one, a copy of the repository under another path
 * with its own workspace root on the other; only the pack travels between them.
 */
@Timeout(60)
class CheckpointsTest {
  @TempDir Path tmp;
  Path repo;
  Path otherRepo;
  Workspace here;
  final Checkpoints checkpoints = new Checkpoints(GIT);
  final Diffs diffs = new Diffs(GIT);

  @BeforeEach
  void setUp() throws Exception {
    repo = repoWithOneCommit(tmp.resolve("repo"));
    Files.writeString(repo.resolve(".gitignore"), "*.log\n");
    Files.writeString(repo.resolve("src/old.txt"), "old\n");
    commitAll(repo, "ignore logs");
    otherRepo = tmp.resolve("other-host/repo");
    GIT.run(tmp, "clone", "-q", repo.toString(), otherRepo.toString());
    here = new Workspaces(tmp.resolve("ws-a")).prepare(fromPath("c1", repo, "main"));
  }

  /** Edits, a deletion, a new binary file, an executable, a symlink and an ignored file. */
  private void work(Path ws) throws Exception {
    Files.writeString(ws.resolve("src/app.txt"), "app\nchanged\n");
    Files.delete(ws.resolve("src/old.txt"));
    Files.write(ws.resolve("src/logo.bin"), new byte[] {0, 1, 2, (byte) 0xff, 0});
    Path script = Files.writeString(ws.resolve("src/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(ws.resolve("src/link"), Path.of("app.txt"));
    Files.writeString(ws.resolve("src/debug.log"), "not carried\n");
  }

  @Test
  void aCheckpointRestoredInAFreshWorkspaceOnAnotherHostHoldsExactlyTheSameTree() throws Exception {
    work(here.path());
    Checkpoints.Taken taken = checkpoints.take(here);

    Workspace there =
        new Workspaces(tmp.resolve("other-host/ws")).prepare(fromPath("c1", otherRepo, "main"));
    assertThat(checkpoints.has(otherRepo, taken.checkpoint().commit())).isFalse();
    checkpoints.restore(there, taken.checkpoint(), taken.pack());

    assertThat(diffs.snapshot(there).tree()).isEqualTo(taken.checkpoint().tree());
    assertThat(checkpoints.holds(there, taken.checkpoint())).isTrue();
    Path ws = there.path();
    assertThat(ws.resolve("src/old.txt")).doesNotExist();
    assertThat(Files.isSymbolicLink(ws.resolve("src/link"))).isTrue();
    assertThat(Files.isExecutable(ws.resolve("src/run.sh"))).isTrue();
    assertThat(ws.resolve("src/debug.log")).doesNotExist();
    assertThat(GIT.run(ws, "rev-parse", "HEAD").strip()).isEqualTo(there.baseCommit());
    assertThat(new Workspaces(tmp.resolve("other-host/ws")).changedSince(there))
        .containsExactly("src/app.txt", "src/link", "src/logo.bin", "src/old.txt", "src/run.sh");
  }

  @Test
  void theSameContentOnTheSameBaseIsTheSameCheckpoint() throws Exception {
    work(here.path());
    Checkpoints.Taken first = checkpoints.take(here);
    Checkpoints.Taken again = checkpoints.take(here);
    assertThat(again.checkpoint()).isEqualTo(first.checkpoint());

    Files.writeString(here.path().resolve("src/app.txt"), "app\nchanged again\n");
    assertThat(checkpoints.take(here).checkpoint().commit())
        .isNotEqualTo(first.checkpoint().commit());
  }

  @Test
  void restoringOverAStaleWorkspaceRemovesWhatTheCheckpointDoesNotHold() throws Exception {
    work(here.path());
    Checkpoints.Taken taken = checkpoints.take(here);
    Files.writeString(here.path().resolve("src/interrupted.txt"), "half done\n");
    Files.writeString(here.path().resolve("src/app.txt"), "something else\n");
    assertThat(checkpoints.holds(here, taken.checkpoint())).isFalse();

    checkpoints.restore(here, taken.checkpoint(), taken.pack());

    assertThat(checkpoints.holds(here, taken.checkpoint())).isTrue();
    assertThat(here.path().resolve("src/interrupted.txt")).doesNotExist();
    assertThat(here.path().resolve("src/app.txt")).hasContent("app\nchanged");
  }

  @Test
  void thePackCarriesOnlyWhatTheBaseLacks() throws Exception {
    Files.writeString(here.path().resolve("src/one.txt"), "one line\n");
    long small = checkpoints.take(here).size();
    assertThat(small).isLessThan(2_000);
  }
}
