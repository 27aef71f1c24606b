package dev.sleigh.workspace;

import dev.sleigh.domain.Commission;
import dev.sleigh.workspace.DeliveryOutcome.Applied;
import dev.sleigh.workspace.DeliveryOutcome.Refusal;
import dev.sleigh.workspace.DeliveryOutcome.Refused;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Takes a commission's work home: the workspace's change, re-checked against the scope, becomes one
 * commit on a new branch of the target repository, made at the workspace's base commit.
 *
 * <p>Only git plumbing writes to the target: the diff is applied to a scratch index, written as a
 * tree, committed with {@code commit-tree} and published with an {@code update-ref} that succeeds
 * only if the branch does not exist yet. The user's checked-out branch, index and working tree are
 * never touched, and every refusal happens before the one ref update, so a refused delivery changes
 * nothing anyone can see. The commit is by the identity the target repository configures ({@link
 * CommitIdentity}), as if its user had made it.
 */
public final class Delivery {
  private final Git git;
  private final Diffs diffs;

  public Delivery(Git git) {
    this.git = git;
    this.diffs = new Diffs(git);
  }

  /** {@code sleigh/<id>}, the branch a delivery goes to unless the operator names another. */
  public static String defaultBranch(String commissionId) {
    return "sleigh/" + commissionId;
  }

  /**
   * Applies the workspace's change to the commission's repository on {@code branchOrNull} (the
   * default branch when null). Refusals are values; broken git or file systems are thrown as {@link
   * WorkspaceException}.
   */
  public DeliveryOutcome apply(Commission commission, Workspace workspace, String branchOrNull) {
    return apply(commission, diffs.snapshot(workspace), branchOrNull);
  }

  /**
   * Applies {@code snapshot} (a workspace's content, or a checkpoint loaded into the commission's
   * repository) the same way.
   */
  public DeliveryOutcome apply(
      Commission commission, Diffs.Snapshot snapshot, String branchOrNull) {
    if (commission.repo().path() == null) {
      return new Refused(
          Refusal.UNSUPPORTED_TARGET,
          "the commission names the repository URL "
              + Git.redact(commission.repo().url())
              + "; apply writes only to a local repository"
              + " (repo.path). Push the workspace's change by hand: sleigh diff "
              + commission.id());
    }
    Target target =
        new Target(
            Path.of(commission.repo().path()),
            branchOrNull == null ? defaultBranch(commission.id()) : branchOrNull);
    Optional<Refused> refused = checkWork(commission, snapshot).or(() -> checkBranch(target));
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<String> existing = resolve(target.repo(), "refs/heads/" + target.branch());
    if (existing.isPresent()) {
      return alreadyThere(target, existing.get(), snapshot);
    }
    return checkTarget(target.repo(), snapshot.baseCommit())
        .<DeliveryOutcome>map(r -> r)
        .orElseGet(() -> commit(target, commission, snapshot));
  }

  private Optional<Refused> checkWork(Commission commission, Diffs.Snapshot snapshot) {
    if (snapshot.empty()) {
      return refuse(
          Refusal.EMPTY_DIFF,
          "the workspace holds no change against base commit " + snapshot.baseCommit());
    }
    ScopeCheck scope = new ScopeCheck(commission.scope());
    List<String> bad =
        snapshot.onDisk()
            ? scope.violations(snapshot.workspace(), diffs.paths(snapshot))
            : scope.violationsInTree(git, snapshot.workspace(), diffs.entries(snapshot));
    return bad.isEmpty()
        ? Optional.empty()
        : refuse(
            Refusal.SCOPE_VIOLATION,
            "the change leaves the commission's scope: " + String.join(", ", bad));
  }

  private Optional<Refused> checkBranch(Target target) {
    String branch = target.branch();
    if (branch.startsWith("-")
        || !git.exec(target.repo(), List.of("check-ref-format", "refs/heads/" + branch)).ok()) {
      return refuse(Refusal.INVALID_BRANCH, "'" + branch + "' is not a valid branch name");
    }
    return Optional.empty();
  }

  private Optional<Refused> checkTarget(Path target, String base) {
    List<String> dirty = dirtyPaths(target);
    if (!dirty.isEmpty()) {
      return refuse(
          Refusal.DIRTY_TARGET,
          "the target repository "
              + target
              + " has uncommitted"
              + " changes ("
              + String.join(", ", dirty.subList(0, Math.min(5, dirty.size())))
              + (dirty.size() > 5 ? ", …" : "")
              + "); commit or stash them first");
    }
    if (resolve(target, base).isEmpty()) {
      return refuse(
          Refusal.APPLY_CONFLICT,
          "the workspace's base commit " + base + " is not in the target repository " + target);
    }
    return Optional.empty();
  }

  /** Tracked files only: untracked ones cannot be overwritten by a commit on another branch. */
  private List<String> dirtyPaths(Path target) {
    String bare = git.run(target, "rev-parse", "--is-bare-repository").strip();
    if (bare.equals("true")) {
      return List.of();
    }
    return PorcelainStatus.paths(
        git.run(target, "status", "--porcelain=v1", "-z", "--untracked-files=no"));
  }

  /** A branch that already holds exactly this change is a delivery done before, not a conflict. */
  private DeliveryOutcome alreadyThere(Target target, String tip, Diffs.Snapshot s) {
    String tree = git.run(target.repo(), "rev-parse", "--verify", tip + "^{tree}").strip();
    if (tree.equals(s.tree())) {
      return new Applied(target.branch(), tip, s.baseCommit(), tree, false);
    }
    return new Refused(
        Refusal.BRANCH_CONFLICT,
        "branch "
            + target.branch()
            + " already exists in "
            + target.repo()
            + " at "
            + tip
            + " with other content; delete it or name another with"
            + " --branch");
  }

  private record Target(Path repo, String branch) {}

  private DeliveryOutcome commit(Target target, Commission commission, Diffs.Snapshot snapshot) {
    try (ScratchDirectory scratch = ScratchDirectory.create()) {
      Path patch = scratch.resolve("change.patch");
      diffs.writePatch(snapshot, patch);
      Git staging = git.withIndexFile(scratch.resolve("index"));
      staging.run(target.repo(), "read-tree", snapshot.baseCommit());
      Git.Result applied =
          staging.exec(
              target.repo(),
              List.of("apply", "--cached", "--binary", "--whitespace=nowarn", patch.toString()));
      if (!applied.ok()) {
        return new Refused(
            Refusal.APPLY_CONFLICT,
            "the diff does not apply to base commit "
                + snapshot.baseCommit()
                + " in "
                + target.repo()
                + ": "
                + applied.stderr());
      }
      String tree = staging.run(target.repo(), "write-tree").strip();
      if (!tree.equals(snapshot.tree())) {
        return new Refused(
            Refusal.APPLY_CONFLICT,
            "applying the diff in "
                + target.repo()
                + " gives tree "
                + tree
                + " but the workspace holds "
                + snapshot.tree());
      }
      return publish(target, tree, new DeliveryMessage(commission, snapshot.baseCommit()));
    }
  }

  private DeliveryOutcome publish(Target target, String tree, DeliveryMessage message) {
    String base = message.baseCommit();
    String commit =
        git.with(CommitIdentity.of(git, target.repo()).variables())
            .run(
                target.repo(),
                "commit-tree",
                "--no-gpg-sign",
                "-p",
                base,
                "-m",
                message.text(),
                tree)
            .strip();
    // The empty old value makes the update fail if the branch appeared since we looked.
    Git.Result ref =
        git.exec(
            target.repo(),
            List.of(
                "update-ref",
                "-m",
                "sleigh apply " + message.commission().id(),
                "refs/heads/" + target.branch(),
                commit,
                ""));
    if (!ref.ok()) {
      return new Refused(
          Refusal.BRANCH_CONFLICT,
          "could not create branch "
              + target.branch()
              + " in "
              + target.repo()
              + ": "
              + ref.stderr());
    }
    return new Applied(target.branch(), commit, base, tree, true);
  }

  private Optional<String> resolve(Path repo, String rev) {
    Git.Result r = git.exec(repo, List.of("rev-parse", "--verify", "--quiet", rev + "^{commit}"));
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  private static Optional<Refused> refuse(Refusal refusal, String message) {
    return Optional.of(new Refused(refusal, message));
  }
}
