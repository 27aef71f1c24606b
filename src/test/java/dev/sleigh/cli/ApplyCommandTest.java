package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Must-show 5: apply commits the exact diff as one commit, or refuses and changes nothing. */
class ApplyCommandTest {
  static final String WORK =
      "echo more >> src/app.txt\necho hello > src/new.txt\nprintf '\\000\\001\\377' > src/blob.bin";

  @TempDir Path dir;

  DeliveryProject completed() throws Exception {
    DeliveryProject p = new DeliveryProject(dir, WORK).commission("wc-a", "");
    p.drain();
    assertThat(p.state("wc-a")).isEqualTo("completed");
    p.cli.write("repo/notes.txt", "the user's own untracked file\n");
    return p;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void applyCreatesTheBranchWithExactlyOneCommitWhoseTreeIsBasePlusDiff() throws Exception {
    DeliveryProject p = completed();
    String base = p.git(p.repo, "rev-parse", "main").strip();
    var before = p.target();

    var apply = p.cli.run("apply", "wc-a", "--json");

    assertThat(apply.exit()).as(apply.err()).isZero();
    JsonNode json = apply.json();
    String commit = json.path("commit").asText();
    assertThat(json.path("commission_id").asText()).isEqualTo("wc-a");
    assertThat(json.path("branch").asText()).isEqualTo("sleigh/wc-a");
    assertThat(p.git(p.repo, "rev-parse", "sleigh/wc-a").strip()).isEqualTo(commit);
    assertThat(p.git(p.repo, "rev-list", "--parents", "sleigh/wc-a", "^" + base).strip())
        .isEqualTo(commit + " " + base);
    assertThat(p.git(p.repo, "diff", "--binary", "--full-index", base, commit))
        .isEqualTo(p.cli.run("diff", "wc-a").out());
    assertThat(p.git(p.repo, "show", "sleigh/wc-a:src/new.txt")).isEqualTo("hello\n");
    assertThat(p.git(p.repo, "log", "-1", "--format=%B", commit))
        .contains("wc-a", "Improve the app", "dec-a");
    var after = p.target();
    assertThat(after.head()).isEqualTo(before.head());
    assertThat(after.headCommit()).isEqualTo(before.headCommit());
    assertThat(after.status()).isEqualTo(before.status());
    assertThat(p.repo.resolve("src/new.txt")).doesNotExist();
    assertThat(Files.readString(p.repo.resolve("src/app.txt"))).isEqualTo("version=1\n");

    var again = p.cli.run("apply", "wc-a");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("already applied", commit);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void applyCommitsAsTheIdentityTheTargetRepositoryConfigures() throws Exception {
    DeliveryProject p = completed();
    p.git(p.repo, "config", "user.name", "Rita Reviewer");
    p.git(p.repo, "config", "user.email", "rita@example.org");

    var apply = p.cli.run("apply", "wc-a", "--json");

    assertThat(apply.exit()).as(apply.err()).isZero();
    String commit = apply.json().path("commit").asText();
    assertThat(p.git(p.repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>", commit).strip())
        .isEqualTo("Rita Reviewer <rita@example.org>|Rita Reviewer <rita@example.org>");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void applyToANamedBranchUsesThatBranch() throws Exception {
    DeliveryProject p = completed();
    var apply = p.cli.run("apply", "wc-a", "--branch", "feature/login", "--json");
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(p.git(p.repo, "rev-parse", "feature/login").strip())
        .isEqualTo(apply.json().path("commit").asText());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void applyRefusesACommissionThatIsNotCompleted() throws Exception {
    DeliveryProject p =
        new DeliveryProject(dir, "echo x > README.md")
            .commission("wc-a", "")
            .commission("wc-b", "depends_on: [wc-missing]");
    p.drain();
    assertThat(p.state("wc-a")).isEqualTo("failed");
    var before = p.target();

    var failed = p.cli.run("apply", "wc-a", "--json");
    var queued = p.cli.run("apply", "wc-b", "--json");

    assertThat(failed.exit()).isEqualTo(4);
    assertThat(failed.json().path("error").path("code").asText()).isEqualTo("lifecycle_forbidden");
    assertThat(failed.json().path("error").path("message").asText()).contains("failed");
    assertThat(failed.json().path("error").path("allowed_states").toString()).contains("completed");
    assertThat(queued.exit()).isEqualTo(4);
    assertThat(queued.err()).contains("queued");
    assertThat(p.target()).isEqualTo(before);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void applyRefusesADirtyTargetAndChangesNothing() throws Exception {
    DeliveryProject p = completed();
    p.cli.write("repo/README.md", "edited by the user\n");
    assertRefused(p, "dirty_target");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void applyRefusesWhenTheBranchExistsWithOtherContentAndChangesNothing() throws Exception {
    DeliveryProject p = completed();
    p.git(p.repo, "checkout", "-q", "-b", "sleigh/wc-a");
    p.cli.write("repo/src/app.txt", "changed on the branch\n");
    p.git(p.repo, "commit", "-q", "-am", "someone else");
    p.git(p.repo, "checkout", "-q", "main");
    assertRefused(p, "branch_conflict");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void whatIsAppliedIsTheCheckpointThatPassedNotWhatSlippedIntoTheWorkspaceSince()
      throws Exception {
    DeliveryProject p = completed();
    p.cli.write(".sleigh/workspaces/wc-a/README.md", "slipped in after completion\n");

    var apply = p.cli.run("apply", "wc-a", "--json");

    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(p.git(p.repo, "show", "sleigh/wc-a:README.md")).doesNotContain("slipped in");
  }

  private RealClockCli.Result assertRefused(DeliveryProject p, String code) {
    var before = p.target();
    var apply = p.cli.run("apply", "wc-a", "--json");
    assertThat(apply.exit()).as(apply.err()).isEqualTo(4);
    assertThat(apply.json().path("error").path("code").asText()).isEqualTo(code);
    assertThat(p.target()).isEqualTo(before);
    assertThat(p.state("wc-a")).isEqualTo("completed");
    return apply;
  }
}
