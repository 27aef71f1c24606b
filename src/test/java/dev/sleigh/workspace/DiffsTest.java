package dev.sleigh.workspace;

import static dev.sleigh.workspace.TestRepos.GIT;
import static dev.sleigh.workspace.TestRepos.commitAll;
import static dev.sleigh.workspace.TestRepos.fromPath;
import static dev.sleigh.workspace.TestRepos.repoWithOneCommit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DiffsTest {
  @TempDir Path tmp;
  Workspace workspace;
  Diffs diffs = new Diffs(GIT);

  @BeforeEach
  void setUp() throws Exception {
    Path repo = repoWithOneCommit(tmp.resolve("repo"));
    Files.writeString(repo.resolve(".gitignore"), "*.log\n");
    commitAll(repo, "ignore logs");
    workspace = new Workspaces(tmp.resolve("workspaces")).prepare(fromPath("c1", repo, "main"));
  }

  @Test
  @Timeout(30)
  void theDiffCarriesEditsDeletionsNewFilesAndBinariesButNotIgnoredFiles() throws Exception {
    Path ws = workspace.path();
    Files.writeString(ws.resolve("src/app.txt"), "app\nmore\n");
    Files.delete(ws.resolve("README.md"));
    Files.writeString(ws.resolve("src/new.txt"), "new\n");
    Files.write(ws.resolve("src/logo.bin"), new byte[] {0, 1, 2, (byte) 0xff, 0});
    Files.writeString(ws.resolve("src/debug.log"), "noise\n");

    Diffs.Snapshot snapshot = diffs.snapshot(workspace);

    assertThat(snapshot.empty()).isFalse();
    assertThat(diffs.files(snapshot))
        .containsExactly(
            new Diffs.FileChange("README.md", "D", 0, 1),
            new Diffs.FileChange("src/app.txt", "M", 1, 0),
            new Diffs.FileChange("src/logo.bin", "A", null, null),
            new Diffs.FileChange("src/new.txt", "A", 1, 0));
    String patch = new String(diffs.patch(snapshot), StandardCharsets.UTF_8);
    assertThat(patch)
        .contains(
            "diff --git a/src/new.txt b/src/new.txt",
            "new file mode",
            "+new",
            "GIT binary patch",
            "deleted file mode")
        .doesNotContain("debug.log");
  }

  @Test
  @Timeout(30)
  void takingASnapshotLeavesTheWorkspaceIndexAsItWas() throws Exception {
    Path ws = workspace.path();
    Files.writeString(ws.resolve("src/new.txt"), "new\n");
    Files.writeString(ws.resolve("src/app.txt"), "changed\n");
    String before = GIT.run(ws, "status", "--porcelain");

    diffs.snapshot(workspace);

    assertThat(GIT.run(ws, "status", "--porcelain"))
        .isEqualTo(before)
        .contains("?? src/new.txt", " M src/app.txt");
    assertThat(GIT.run(ws, "diff", "--cached", "--name-only")).isEmpty();
  }

  @Test
  @Timeout(30)
  void anUntouchedWorkspaceIsEmpty() {
    Diffs.Snapshot snapshot = diffs.snapshot(workspace);
    assertThat(snapshot.empty()).isTrue();
    assertThat(diffs.paths(snapshot)).isEmpty();
    assertThat(diffs.patch(snapshot)).isEmpty();
  }

  @Test
  @Timeout(30)
  void workTheAgentCommittedCountsAgainstTheBaseCommit() throws Exception {
    Files.writeString(workspace.path().resolve("src/committed.txt"), "c\n");
    commitAll(workspace.path(), "agent commit");
    Files.writeString(workspace.path().resolve("src/loose.txt"), "l\n");

    assertThat(diffs.paths(diffs.snapshot(workspace)))
        .containsExactly("src/committed.txt", "src/loose.txt");
  }
}
