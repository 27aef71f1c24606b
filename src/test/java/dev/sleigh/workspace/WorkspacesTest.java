package dev.sleigh.workspace;

import static dev.sleigh.workspace.TestRepos.GIT;
import static dev.sleigh.workspace.TestRepos.commitAll;
import static dev.sleigh.workspace.TestRepos.fromPath;
import static dev.sleigh.workspace.TestRepos.fromUrl;
import static dev.sleigh.workspace.TestRepos.repoWithOneCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.process.ChildStarts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WorkspacesTest {
  @TempDir Path tmp;
  Path repo;
  Path root;
  Workspaces workspaces;

  @BeforeEach
  void setUp() throws IOException {
    repo = repoWithOneCommit(tmp.resolve("repo"));
    root = tmp.resolve("workspaces");
    workspaces = new Workspaces(root);
  }

  @Test
  @Timeout(30)
  void aLocalRepositoryGivesADetachedWorktreeAtTheBaseRefWithItsFiles() throws Exception {
    String base = GIT.run(repo, "rev-parse", "HEAD").strip();
    Files.writeString(repo.resolve("README.md"), "moved on\n");
    commitAll(repo, "later");

    Workspace ws = workspaces.prepare(fromPath("c1", repo, base));

    assertThat(ws.path()).isEqualTo(root.resolve("c1"));
    assertThat(ws.created()).isTrue();
    assertThat(ws.baseCommit()).isEqualTo(base);
    assertThat(ws.path().resolve("README.md")).hasContent("hello");
    assertThat(ws.path().resolve("src/app.txt")).exists();
    assertThat(GIT.run(ws.path(), "rev-parse", "HEAD").strip()).isEqualTo(base);
    assertThat(GIT.run(repo, "worktree", "list")).contains(ws.path().toString());
    assertThat(workspaces.changedPaths(ws.path())).isEmpty();
  }

  @Test
  @Timeout(30)
  void aSecondPrepareReusesTheWorkspaceAndKeepsUncommittedWork() throws Exception {
    Workspace first = workspaces.prepare(fromPath("c1", repo, "main"));
    Files.writeString(first.path().resolve("src/new.txt"), "work in progress\n");
    Files.writeString(first.path().resolve("README.md"), "edited\n");
    Files.writeString(repo.resolve("README.md"), "main moved on\n");
    commitAll(repo, "later");

    Workspace second = workspaces.prepare(fromPath("c1", repo, "main"));

    assertThat(second.created()).isFalse();
    assertThat(second.path()).isEqualTo(first.path());
    assertThat(second.baseCommit()).isEqualTo(first.baseCommit());
    assertThat(second.path().resolve("src/new.txt")).hasContent("work in progress");
    assertThat(second.path().resolve("README.md")).hasContent("edited");
    assertThat(workspaces.find("c1")).contains(second);
  }

  @Test
  @Timeout(30)
  void aFileUrlIsClonedAndCheckedOutDetachedAtTheBaseRef() throws Exception {
    GIT.run(repo, "branch", "feature");
    Files.writeString(repo.resolve("src/app.txt"), "main only\n");
    String mainTip = commitAll(repo, "main moves on");

    Workspace ws = workspaces.prepare(fromUrl("c2", repo.toUri().toString(), "feature"));

    assertThat(ws.created()).isTrue();
    assertThat(ws.baseCommit()).isNotEqualTo(mainTip);
    assertThat(ws.path().resolve("src/app.txt")).hasContent("app");
    assertThat(GIT.run(ws.path(), "rev-parse", "HEAD").strip()).isEqualTo(ws.baseCommit());
    assertThat(GIT.exec(ws.path(), List.of("symbolic-ref", "-q", "HEAD")).ok())
        .as("HEAD is detached")
        .isFalse();
    assertThat(workspaces.changedPaths(ws.path())).isEmpty();
  }

  @Test
  @Timeout(30)
  void aMissingBaseRefIsAFinalErrorNamingTheRefAndLeavesNothingBehind() {
    assertThatThrownBy(() -> workspaces.prepare(fromPath("c3", repo, "no-such-branch")))
        .isInstanceOfSatisfying(
            WorkspaceException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e).hasMessageContaining("'no-such-branch'");
            });
    assertThatThrownBy(
            () -> workspaces.prepare(fromUrl("c4", repo.toUri().toString(), "no-such-branch")))
        .isInstanceOfSatisfying(
            WorkspaceException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e).hasMessageContaining("'no-such-branch'");
            });

    assertThat(root.resolve("c3")).doesNotExist();
    assertThat(root.resolve("c4")).doesNotExist();
    assertThat(root.resolve(".c3.ready")).doesNotExist();
    assertThat(root.resolve(".c4.ready")).doesNotExist();
    assertThat(GIT.run(repo, "worktree", "list").lines()).hasSize(1);
  }

  @Test
  @Timeout(30)
  void oneRevParseChecksTheRepositoryAndResolvesTheBaseWhateverTheRepositoryOrRef()
      throws Exception {
    Path bare = tmp.resolve("bare.git");
    GIT.run(tmp, "clone", "-q", "--bare", repo.toString(), bare.toString());
    String head = GIT.run(repo, "rev-parse", "HEAD").strip();

    try (ChildStarts.Watch watch = ChildStarts.watch()) {
      assertThat(workspaces.prepare(fromPath("c6", repo, "main")).baseCommit()).isEqualTo(head);
      assertThat(watch.programsByPart().get(ChildStarts.UNDECLARED))
          .containsExactly("git rev-parse", "git worktree");
    }
    assertThat(workspaces.prepare(fromPath("c7", bare, "main")).baseCommit()).isEqualTo(head);
    // git fails this ref loudly, not quietly: it is still a ref that names no commit
    assertThatThrownBy(() -> workspaces.prepare(fromPath("c8", repo, "main@{99}")))
        .isInstanceOf(WorkspaceException.class)
        .hasMessageContaining("repo.base_ref 'main@{99}' does not name a commit");
    assertThatThrownBy(() -> workspaces.prepare(fromPath("c8", repo.resolve(".git"), "main")))
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("must be run in a work tree");
    assertThat(root.resolve("c8")).doesNotExist();
  }

  @Test
  @Timeout(30)
  void aPathThatIsNotAGitRepositoryIsAFinalClearError() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Path missing = tmp.resolve("missing");

    assertThatThrownBy(() -> workspaces.prepare(fromPath("c5", plain, "main")))
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("'" + plain + "' is not a git repository");
    assertThatThrownBy(() -> workspaces.prepare(fromPath("c5", missing, "main")))
        .isInstanceOf(WorkspaceException.class)
        .hasMessageContaining("'" + missing + "' is not a directory");
    assertThatThrownBy(() -> workspaces.prepare(fromPath("c5", repo.resolve("src"), "main")))
        .isInstanceOf(WorkspaceException.class)
        .hasMessageContaining("name the repository's top level");
    assertThatThrownBy(() -> workspaces.prepare(fromUrl("c5", missing.toUri().toString(), "main")))
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("clone");
    assertThat(root.resolve("c5")).doesNotExist();
  }

  @Test
  @Timeout(30)
  void aHalfMadeDirectoryWithoutTheReadyMarkerIsMadeAgain() throws Exception {
    Path halfMade = Files.createDirectories(root.resolve("c6"));
    Files.writeString(halfMade.resolve("leftover.txt"), "from a crashed attempt\n");
    Path halfClone = root.resolve("c7");
    GIT.run(root, "clone", "-q", "--no-checkout", repo.toUri().toString(), halfClone.toString());

    Workspace worktree = workspaces.prepare(fromPath("c6", repo, "main"));
    Workspace clone = workspaces.prepare(fromUrl("c7", repo.toUri().toString(), "main"));

    assertThat(worktree.created()).isTrue();
    assertThat(worktree.path().resolve("leftover.txt")).doesNotExist();
    assertThat(worktree.path().resolve("README.md")).exists();
    assertThat(clone.created()).isTrue();
    assertThat(workspaces.changedPaths(clone.path())).isEmpty();
  }

  @Test
  @Timeout(30)
  void aWorkspaceRootInsideTheRepositoryIsNotMistakenForAWorkTree() throws Exception {
    Workspaces nested = new Workspaces(repo.resolve(".sleigh/workspaces"));
    Files.createDirectories(nested.pathFor("c8"));

    Workspace ws = nested.prepare(fromPath("c8", repo, "main"));

    assertThat(ws.created()).isTrue();
    assertThat(GIT.run(ws.path(), "rev-parse", "--show-toplevel").strip())
        .isEqualTo(ws.path().toRealPath().toString());
  }

  @Test
  @Timeout(30)
  void aHandedOutWorkspaceThatStoppedBeingAWorkTreeIsLeftAloneWithAFinalError() throws Exception {
    Workspace ws = workspaces.prepare(fromUrl("c9", repo.toUri().toString(), "main"));
    FileTrees.deleteRecursively(ws.path().resolve(".git"));

    assertThatThrownBy(() -> workspaces.prepare(fromUrl("c9", repo.toUri().toString(), "main")))
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("no longer a git work tree");
    assertThat(ws.path().resolve("README.md")).exists();
    assertThat(workspaces.find("c9")).isEmpty();
  }

  @Test
  @Timeout(30)
  void removeDeletesTheWorktreeItsRegistrationAndTheMarker() throws Exception {
    Workspace ws = workspaces.prepare(fromPath("c10", repo, "main"));
    Files.writeString(ws.path().resolve("src/uncommitted.txt"), "x\n");

    workspaces.remove("c10", repo);

    assertThat(ws.path()).doesNotExist();
    assertThat(root.resolve(".c10.ready")).doesNotExist();
    assertThat(GIT.run(repo, "worktree", "list")).doesNotContain(ws.path().toString());
    assertThat(workspaces.find("c10")).isEmpty();
    workspaces.remove("c10", repo);
    assertThat(workspaces.prepare(fromPath("c10", repo, "main")).created()).isTrue();
  }

  @Test
  @Timeout(30)
  void removeDeletesACloneWhenThereIsNoRepositoryPath() {
    Workspace ws = workspaces.prepare(fromUrl("c11", repo.toUri().toString(), "main"));

    workspaces.remove("c11", null);

    assertThat(ws.path()).doesNotExist();
    assertThat(workspaces.find("c11")).isEmpty();
  }

  @Test
  @Timeout(30)
  void aWorkspaceDeletedFromOutsideIsMadeAgainAndReportedAsCreated() throws Exception {
    Workspace ws = workspaces.prepare(fromPath("c12", repo, "main"));
    FileTrees.deleteRecursively(ws.path());

    Workspace again = workspaces.prepare(fromPath("c12", repo, "main"));

    assertThat(again.created()).isTrue();
    assertThat(again.path().resolve("README.md")).exists();
  }

  @Test
  void idsAreSanitisedSoNoneEscapesTheRootOrPosesAsAMarker() {
    assertThat(workspaces.pathFor("abc-1.2_3")).isEqualTo(root.resolve("abc-1.2_3"));
    assertThat(workspaces.pathFor("../etc/passwd")).isEqualTo(root.resolve("_._etc_passwd"));
    assertThat(workspaces.pathFor("..")).isEqualTo(root.resolve("_."));
    assertThat(workspaces.pathFor(".")).isEqualTo(root.resolve("_"));
    assertThat(workspaces.pathFor("Upper Case/x")).isEqualTo(root.resolve("_pper__ase_x"));
    assertThat(workspaces.pathFor(".hidden")).isEqualTo(root.resolve("_hidden"));
    assertThatThrownBy(() -> workspaces.pathFor("")).isInstanceOf(IllegalArgumentException.class);
  }
}
