package dev.sleigh.workspace;

import static dev.sleigh.workspace.TestRepos.GIT;
import static dev.sleigh.workspace.TestRepos.commitAll;
import static dev.sleigh.workspace.TestRepos.fromPath;
import static dev.sleigh.workspace.TestRepos.repoWithOneCommit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.workspace.DeliveryOutcome.Applied;
import dev.sleigh.workspace.DeliveryOutcome.Refusal;
import dev.sleigh.workspace.DeliveryOutcome.Refused;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DeliveryTest {
  @TempDir Path tmp;
  Path repo;
  String base;
  Commission commission;
  Workspace workspace;
  Delivery delivery = new Delivery(GIT);

  @BeforeEach
  void setUp() throws Exception {
    repo = repoWithOneCommit(tmp.resolve("repo"));
    base = GIT.run(repo, "rev-parse", "HEAD").strip();
    commission = fromPath("c1", repo, "main");
    workspace = new Workspaces(tmp.resolve("workspaces")).prepare(commission);
    Files.writeString(workspace.path().resolve("src/app.txt"), "app\nchanged\n");
    Files.writeString(workspace.path().resolve("src/new.txt"), "new\n");
    Files.write(workspace.path().resolve("src/blob.bin"), new byte[] {0, 7, (byte) 0x80, 0});
  }

  /** What a user of the target repository can see: refs, checked-out branch, status. */
  record TargetView(String refs, String head, String status) {}

  TargetView target() {
    return new TargetView(
        GIT.run(repo, "for-each-ref"),
        GIT.run(repo, "symbolic-ref", "HEAD"),
        GIT.run(repo, "status", "--porcelain", "--untracked-files=all"));
  }

  @Test
  @Timeout(30)
  void theChangeBecomesOneCommitOnANewBranchAtTheBaseWithTheWorkspaceTree() throws Exception {
    Files.writeString(repo.resolve("notes.txt"), "the user's own untracked file\n");
    TargetView before = target();

    Applied applied = (Applied) delivery.apply(commission, workspace, null);

    assertThat(applied.branch()).isEqualTo("sleigh/c1");
    assertThat(applied.created()).isTrue();
    assertThat(GIT.run(repo, "rev-parse", "sleigh/c1").strip()).isEqualTo(applied.commit());
    assertThat(GIT.run(repo, "rev-list", "--parents", "-n", "1", applied.commit()).strip())
        .isEqualTo(applied.commit() + " " + base);
    Diffs diffs = new Diffs(GIT);
    assertThat(GIT.run(repo, "rev-parse", applied.commit() + "^{tree}").strip())
        .isEqualTo(diffs.snapshot(workspace).tree());
    assertThat(GIT.run(repo, "show", "sleigh/c1:src/new.txt")).isEqualTo("new\n");
    assertThat(GIT.run(repo, "log", "-1", "--format=%B", applied.commit()))
        .contains("c1", "Work on c1", "dec-1", "rev-1");
    TargetView after = target();
    assertThat(after.head()).isEqualTo(before.head());
    assertThat(after.status()).isEqualTo(before.status());
    assertThat(repo.resolve("src/new.txt")).doesNotExist();
  }

  @Test
  @Timeout(30)
  void applyingTheSameChangeAgainFindsItThereAndWritesNothing() {
    Applied first = (Applied) delivery.apply(commission, workspace, "delivered");
    TargetView before = target();

    Applied again = (Applied) delivery.apply(commission, workspace, "delivered");

    assertThat(again.created()).isFalse();
    assertThat(again.commit()).isEqualTo(first.commit());
    assertThat(target()).isEqualTo(before);
  }

  @Test
  @Timeout(30)
  void aDirtyTargetIsRefusedAndLeftAsItWas() throws Exception {
    Files.writeString(repo.resolve("README.md"), "edited by the user\n");
    assertRefusedUnchanged(Refusal.DIRTY_TARGET, commission, null);
  }

  @Test
  @Timeout(30)
  void aBranchThatExistsWithOtherContentIsRefusedAndLeftAsItWas() throws Exception {
    GIT.run(repo, "checkout", "-q", "-b", "sleigh/c1");
    Files.writeString(repo.resolve("src/app.txt"), "someone else's change\n");
    commitAll(repo, "other work");
    GIT.run(repo, "checkout", "-q", "main");
    assertRefusedUnchanged(Refusal.BRANCH_CONFLICT, commission, null);
  }

  @Test
  @Timeout(30)
  void aTargetWithoutTheBaseCommitCannotTakeTheDiff() throws Exception {
    repo = tmp.resolve("unrelated");
    Files.createDirectories(repo);
    GIT.run(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("README.md"), "another history\n");
    commitAll(repo, "unrelated start");
    Commission elsewhere = fromPath("c1", repo, "main");
    assertRefusedUnchanged(Refusal.APPLY_CONFLICT, elsewhere, null);
  }

  @Test
  @Timeout(30)
  void aChangeOutsideTheScopeIsNeverApplied() throws Exception {
    Files.writeString(workspace.path().resolve("README.md"), "outside src\n");
    Refused refused = assertRefusedUnchanged(Refusal.SCOPE_VIOLATION, commission, null);
    assertThat(refused.message()).contains("README.md");
  }

  @Test
  @Timeout(30)
  void anInvalidBranchNameIsRefused() {
    assertRefusedUnchanged(Refusal.INVALID_BRANCH, commission, "bad..name");
    assertRefusedUnchanged(Refusal.INVALID_BRANCH, commission, "-x");
  }

  @Test
  @Timeout(30)
  void aWorkspaceWithoutChangesHasNothingToApply() throws Exception {
    GIT.run(workspace.path(), "checkout", "-q", "--", ".");
    GIT.run(workspace.path(), "clean", "-qfd");
    assertRefusedUnchanged(Refusal.EMPTY_DIFF, commission, null);
  }

  @Test
  void aCommissionOnARepositoryUrlIsRefused() {
    Commission remote =
        TestRepos.fromUrl("c1", "https://user:secret@example.invalid/r.git", "main");
    Refused refused = (Refused) delivery.apply(remote, workspace, null);
    assertThat(refused.refusal()).isEqualTo(Refusal.UNSUPPORTED_TARGET);
    assertThat(refused.message()).doesNotContain("secret");
  }

  private Refused assertRefusedUnchanged(Refusal expected, Commission c, String branch) {
    TargetView before = target();
    DeliveryOutcome outcome = delivery.apply(c, workspace, branch);
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Refused.class, r -> assertThat(r.refusal()).as(r.message()).isEqualTo(expected));
    assertThat(target()).isEqualTo(before);
    return (Refused) outcome;
  }

  @Test
  @Timeout(30)
  void aCheckpointIsDeliveredWithoutItsWorkspaceToTheSameTree() throws Exception {
    Checkpoints checkpoints = new Checkpoints(GIT);
    Checkpoints.Taken taken = checkpoints.take(workspace);
    String tree = new Diffs(GIT).snapshot(workspace).tree();
    new Workspaces(tmp.resolve("workspaces")).remove("c1", repo);
    GIT.run(repo, "gc", "--prune=now", "-q");
    assertThat(checkpoints.has(repo, taken.checkpoint().commit())).isFalse();

    Applied applied =
        (Applied)
            delivery.apply(
                commission, checkpoints.snapshot(repo, taken.checkpoint(), taken.pack()), null);

    assertThat(GIT.run(repo, "rev-parse", applied.commit() + "^{tree}").strip()).isEqualTo(tree);
    assertThat(GIT.run(repo, "show", "sleigh/c1:src/new.txt")).isEqualTo("new\n");
  }

  @Test
  @Timeout(30)
  void aCheckpointWhoseSymlinkLeavesTheScopeIsRefusedFromTheTreeAlone() throws Exception {
    Files.createSymbolicLink(workspace.path().resolve("src/escape"), Path.of("../../secret"));
    Files.createSymbolicLink(workspace.path().resolve("src/readme"), Path.of("../README.md"));
    Checkpoints checkpoints = new Checkpoints(GIT);
    Checkpoints.Taken taken = checkpoints.take(workspace);
    new Workspaces(tmp.resolve("workspaces")).remove("c1", repo);
    TargetView before = target();

    Refused refused =
        (Refused)
            delivery.apply(
                commission, checkpoints.snapshot(repo, taken.checkpoint(), taken.pack()), null);

    assertThat(refused.refusal()).isEqualTo(Refusal.SCOPE_VIOLATION);
    assertThat(refused.message())
        .contains("src/escape (symlink to ../../secret outside the workspace)")
        .contains("src/readme (symlink to README.md, not in allowed_paths)");
    assertThat(target().refs()).isEqualTo(before.refs());
  }
}
