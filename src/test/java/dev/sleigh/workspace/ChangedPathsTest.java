package dev.sleigh.workspace;

import static dev.sleigh.workspace.TestRepos.GIT;
import static dev.sleigh.workspace.TestRepos.fromPath;
import static dev.sleigh.workspace.TestRepos.repoWithOneCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ChangedPathsTest {
  @TempDir Path tmp;

  @Test
  @Timeout(30)
  void changedPathsSeesNewModifiedDeletedAndRenamedFiles() throws Exception {
    Path repo = repoWithOneCommit(tmp.resolve("repo"));
    Files.writeString(repo.resolve("src/old name.txt"), "to be renamed\n");
    TestRepos.commitAll(repo, "one more file");
    Workspaces workspaces = new Workspaces(tmp.resolve("ws"));
    Path ws = workspaces.prepare(fromPath("c1", repo, "main")).path();

    Files.createDirectories(ws.resolve("src/deep/er"));
    Files.writeString(ws.resolve("src/deep/er/new.txt"), "new\n");
    Files.writeString(ws.resolve("src/app.txt"), "modified\n");
    Files.delete(ws.resolve("README.md"));
    GIT.run(ws, "mv", "src/old name.txt", "src/new name.txt");

    assertThat(workspaces.changedPaths(ws))
        .containsExactly(
            "README.md",
            "src/app.txt",
            "src/deep/er/new.txt",
            "src/new name.txt",
            "src/old name.txt");
  }

  @Test
  void porcelainRenamesAndCopiesContributeBothPaths() {
    String output = "R  new.txt\0old.txt\0 M a.txt\0C  copy.txt\0orig.txt\0?? x y.txt\0 D gone\0";

    assertThat(PorcelainStatus.paths(output))
        .containsExactly("a.txt", "copy.txt", "gone", "new.txt", "old.txt", "orig.txt", "x y.txt");
    assertThat(PorcelainStatus.paths("")).isEmpty();
  }

  @Test
  void anUnexpectedStatusEntryIsAFinalError() {
    assertThatThrownBy(() -> PorcelainStatus.paths("garbage\0"))
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.retryable()).isFalse());
  }
}
