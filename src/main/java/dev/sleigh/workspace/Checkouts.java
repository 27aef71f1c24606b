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
    String candidate = at != null ? at : baseRef;
    String commit =
        checkedRepository(repo, candidate)
            .orElseThrow(
                () ->
                    at != null
                        ? new BaseCommitMissingException(at, repo.toString())
                        : missingRef(baseRef, repo.toString()));
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

  /**
   * Checks that {@code repo} is a bare repository or the top level of a work tree, and resolves
   * {@code candidate} in it to a commit: one {@code rev-parse} answers both.
   */
  private Optional<String> checkedRepository(Path repo, String candidate) {
    if (!Files.isDirectory(repo)) {
      throw new WorkspaceException("repo.path '" + repo + "' is not a directory", false);
    }
    Git.Result r =
        git.exec(
            repo,
            List.of(
                "rev-parse",
                "--is-bare-repository",
                "--is-inside-work-tree",
                "--show-prefix",
                "--verify",
                "--quiet",
                candidate + "^{commit}"));
    // bare, inside a work tree, the prefix (empty at the top level), then the commit if it is one;
    // a candidate that names no commit fails the call after the first three are printed
    List<String> lines = r.stdout().lines().toList();
    if (lines.size() < 3) {
      throw new WorkspaceException(
          "repo.path '" + repo + "' is not a git repository: " + r.stderr(), false);
    }
    if (lines.get(0).equals("false") && !(lines.get(1).equals("true") && lines.get(2).isEmpty())) {
      requireTopLevel(repo);
    }
    return r.ok() && lines.size() == 4 ? Optional.of(lines.get(3).strip()) : Optional.empty();
  }

  /**
   * Scope paths are relative to the repository's top level, so a subdirectory will not do; asked
   * only once the combined check found {@code repo} is not the top level, to name the one it is in.
   */
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
    throw new WorkspaceException(
        "repo.path '" + repo + "' is not the top level of its work tree", false);
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
