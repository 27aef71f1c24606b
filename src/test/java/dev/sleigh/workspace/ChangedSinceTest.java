package dev.sleigh.workspace;

import static dev.sleigh.workspace.TestRepos.GIT;
import static dev.sleigh.workspace.TestRepos.fromPath;
import static dev.sleigh.workspace.TestRepos.repoWithOneCommit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.process.ChildStarts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What changed since the base, as the scope gates see it, answered by one {@code git status} when
 * it can be: always the same paths as a diff against the base beside the untracked files (the two
 * calls it replaces), whatever the agent did to the files, the index or HEAD.
 */
@Timeout(30)
class ChangedSinceTest {
  @TempDir Path tmp;
  Path repo;
  Workspaces workspaces;
  Workspace ws;

  @BeforeEach
  void workspace() throws Exception {
    repo = repoWithOneCommit(tmp.resolve("repo"));
    Files.writeString(repo.resolve("src/run.sh"), "echo\n");
    Files.writeString(repo.resolve("src/keep.txt"), "keep\n");
    Files.writeString(repo.resolve(".gitignore"), "*.log\n");
    Files.writeString(repo.resolve("src/tracked.log"), "tracked though ignored\n");
    GIT.run(repo, "add", "-f", "src/tracked.log");
    TestRepos.commitAll(repo, "more files");
    workspaces = new Workspaces(tmp.resolve("ws"));
    ws = workspaces.prepare(fromPath("c1", repo, "main"));
  }

  /** The answer of the two calls the one status replaces. */
  private List<String> byDiffAndUntracked() {
    var paths = new TreeSet<String>();
    String diff = GIT.run(ws.path(), "diff", "--name-only", "--no-renames", "-z", ws.baseCommit());
    String untracked = GIT.run(ws.path(), "ls-files", "--others", "--exclude-standard", "-z");
    for (String p : (diff + untracked).split("\0")) {
      if (!p.isEmpty()) {
        paths.add(p);
      }
    }
    return List.copyOf(paths);
  }

  private List<String> changedCountingCalls(int calls) {
    try (ChildStarts.Watch watch = ChildStarts.watch()) {
      List<String> changed = workspaces.changedSince(ws);
      assertThat(watch.starts()).hasSize(calls);
      return changed;
    }
  }

  @Test
  void deletionsModesSymlinksAndUntrackedFilesInOneCall() throws Exception {
    Path w = ws.path();
    Files.delete(w.resolve("README.md"));
    Files.setPosixFilePermissions(
        w.resolve("src/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(w.resolve("src/link"), Path.of("../README.md"));
    Files.createDirectories(w.resolve("src/deep/er"));
    Files.writeString(w.resolve("src/deep/er/new file.txt"), "new\n");
    Files.writeString(w.resolve("src/app.txt"), "modified\n");
    Files.writeString(w.resolve("src/tracked.log"), "changed\n");
    Files.writeString(w.resolve("src/untracked.log"), "ignored\n");
    GIT.run(w, "add", "src/app.txt");

    assertThat(changedCountingCalls(1))
        .containsExactly(
            "README.md",
            "src/app.txt",
            "src/deep/er/new file.txt",
            "src/link",
            "src/run.sh",
            "src/tracked.log")
        .isEqualTo(byDiffAndUntracked());
  }

  @Test
  void nothingChangedIsNothingInOneCall() {
    List<String> changed = changedCountingCalls(1);
    assertThat(changed).isEmpty();
    assertThat(changed).isEqualTo(byDiffAndUntracked());
  }

  @Test
  void aFileStagedAndThenPutBackIsNoChangeAsBefore() throws Exception {
    Path w = ws.path();
    Files.writeString(w.resolve("src/keep.txt"), "staged\n");
    GIT.run(w, "add", "src/keep.txt");
    Files.writeString(w.resolve("src/keep.txt"), "keep\n");
    Files.writeString(w.resolve("src/new.txt"), "new\n");

    assertThat(changedCountingCalls(2))
        .containsExactly("src/new.txt")
        .isEqualTo(byDiffAndUntracked());
  }

  @Test
  void workTheAgentCommittedStillCounts() throws Exception {
    Path w = ws.path();
    Files.writeString(w.resolve("src/committed.txt"), "committed\n");
    Files.delete(w.resolve("src/keep.txt"));
    TestRepos.commitAll(w, "the agent's commit");
    Files.writeString(w.resolve("src/after.txt"), "after\n");

    assertThat(changedCountingCalls(2))
        .containsExactly("src/after.txt", "src/committed.txt", "src/keep.txt")
        .isEqualTo(byDiffAndUntracked());
  }

  @Test
  void statusEntriesOfEveryKindAreRead() {
    String base = "a".repeat(40);
    String output =
        "# branch.oid "
            + base
            + "\0# branch.head main\0"
            + "1 .M N... 100644 100644 100644 "
            + base
            + " "
            + base
            + " src/a b.txt\0"
            + "2 R. N... 100644 100644 100644 "
            + base
            + " "
            + base
            + " R100 src/new.txt\0src/old.txt\0"
            + "? src/u v.txt\0";

    StatusSinceBase status = StatusSinceBase.parse(output);

    assertThat(status.changedSince(base))
        .contains(List.of("src/a b.txt", "src/new.txt", "src/old.txt", "src/u v.txt"));
    assertThat(status.changedSince("b".repeat(40))).isEmpty();
  }
}
