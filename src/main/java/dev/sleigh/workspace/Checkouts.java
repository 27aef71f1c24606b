package dev.sleigh.workspace;

import dev.sleigh.domain.Commission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Makes and unmakes the git side of a workspace: a detached worktree of a local repository, or a
 * clone of a URL checked out detached, both at the commit the base ref names when they are made.
 */
final class Checkouts {
  private final Git git;

  Checkouts(Git git) {
    this.git = git;
  }

  /**
   * Makes {@code dir}, which must not exist, at the repo's base ref and returns that commit. On
   * failure nothing is left at {@code dir}.
   */
  String create(Commission.Repo repo, Path dir) {
    return create(repo, dir, null);
  }

  /**
   * The same at {@code commitOrNull} rather than at what the base ref names now (a checkpoint's
   * base); a commit the repository lacks is a {@link BaseCommitMissingException}.
   */
  String create(Commission.Repo repo, Path dir, String commitOrNull) {
    requireNoOption("repo.base_ref", repo.baseRef());
    try {
      return repo.path() != null
          ? addWorktree(Path.of(repo.path()), dir, repo.baseRef(), commitOrNull)
          : cloneInto(repo.url(), dir, repo.baseRef(), commitOrNull);
    } catch (RuntimeException e) {
      discard(repo.path() == null ? null : Path.of(repo.path()), dir);
      throw e;
    }
  }

  /** Removes the worktree or clone at {@code dir}; the repository is null for a clone. */
  void discard(Path repoOrNull, Path dir) {
    if (repoOrNull != null && Files.isDirectory(dir)) {
      quietly(repoOrNull, List.of("worktree", "remove", "--force", dir.toString()));
    }
    FileTrees.deleteRecursively(dir);
    if (repoOrNull != null) {
      quietly(repoOrNull, List.of("worktree", "prune"));
    }
  }

  private String addWorktree(Path repo, Path dir, String baseRef, String at) {
    requireRepository(repo);
    String commit =
        at != null
            ? resolve(repo, List.of(at))
                .orElseThrow(() -> new BaseCommitMissingException(at, repo.toString()))
            : resolve(repo, List.of(baseRef))
                .orElseThrow(() -> missingRef(baseRef, repo.toString()));
    // --force: a workspace deleted by hand leaves its registration behind, which blocks the path.
    git.run(repo, "worktree", "add", "--force", "--detach", dir.toString(), commit);
    return commit;
  }

  private String cloneInto(String url, Path dir, String baseRef, String at) {
    requireNoOption("repo.url", url);
    git.run(dir.getParent(), "clone", "--no-checkout", "--", url, dir.toString());
    // A branch other than the default exists only as a remote-tracking ref right after a clone.
    String commit =
        at != null
            ? resolve(dir, List.of(at))
                .orElseThrow(() -> new BaseCommitMissingException(at, Git.redact(url)))
            : resolve(dir, List.of("refs/remotes/origin/" + baseRef, baseRef))
                .orElseThrow(() -> missingRef(baseRef, Git.redact(url)));
    git.run(dir, "checkout", "--detach", commit);
    return commit;
  }

  private Optional<String> resolve(Path repo, List<String> candidates) {
    for (String candidate : candidates) {
      Git.Result r =
          git.exec(repo, List.of("rev-parse", "--verify", "--quiet", candidate + "^{commit}"));
      if (r.ok()) {
        return Optional.of(r.stdout().strip());
      }
    }
    return Optional.empty();
  }

  private void requireRepository(Path repo) {
    if (!Files.isDirectory(repo)) {
      throw new WorkspaceException("repo.path '" + repo + "' is not a directory", false);
    }
    Git.Result bare = git.exec(repo, List.of("rev-parse", "--is-bare-repository"));
    if (!bare.ok()) {
      throw new WorkspaceException(
          "repo.path '" + repo + "' is not a git repository: " + bare.stderr(), false);
    }
    if (bare.stdout().strip().equals("false")) {
      requireTopLevel(repo);
    }
  }

  /** Scope paths are relative to the repository's top level, so a subdirectory will not do. */
  private void requireTopLevel(Path repo) {
    Path top = Path.of(git.run(repo, "rev-parse", "--show-toplevel").strip());
    try {
      if (!top.equals(repo.toRealPath())) {
        throw new WorkspaceException(
            "repo.path '"
                + repo
                + "' is inside the git repository at '"
                + top
                + "'; name the repository's top level",
            false);
      }
    } catch (IOException e) {
      throw new WorkspaceException("could not resolve repo.path '" + repo + "': " + e, false, e);
    }
  }

  private static WorkspaceException missingRef(String baseRef, String where) {
    return new WorkspaceException(
        "repo.base_ref '" + baseRef + "' does not name a commit in " + where, false);
  }

  /** Git would read a leading dash as an option, never as a ref or a URL. */
  private static void requireNoOption(String key, String value) {
    if (value.startsWith("-")) {
      throw new WorkspaceException(key + " '" + value + "' must not start with '-'", false);
    }
  }

  /** Best-effort cleanup: its failure must not hide the error that made it necessary. */
  private void quietly(Path repo, List<String> args) {
    try {
      git.exec(repo, args);
    } catch (WorkspaceException e) {
      // The directory itself is deleted regardless; a stale registration is pruned next time.
    }
  }
}
