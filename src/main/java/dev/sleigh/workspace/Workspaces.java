package dev.sleigh.workspace;

import dev.sleigh.domain.Commission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The commission workspaces under one root: {@code <root>/<id>} holds the work tree and {@code
 * <root>/.<id>.ready} records that it was completely made and handed out, and from which commit.
 *
 * <p>The ready marker is the line between "half made, safe to throw away" and "handed out, never
 * touch": a directory without it is removed and made again; a directory with it is reused exactly
 * as it is, uncommitted changes and all, so a retried phase continues on the work already there.
 * The marker lives beside the work tree rather than in it, so the agent can neither see nor damage
 * it and it never shows up among the changed paths.
 */
public final class Workspaces {
  private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9._-]");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final int LOCK_STRIPES = 64;

  private final Path root;
  private final Git git;
  private final Checkouts checkouts;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  public Workspaces(Path root) {
    this(root, new Git());
  }

  public Workspaces(Path root, Git git) {
    this.root = root.toAbsolutePath().normalize();
    this.git = git;
    this.checkouts = new Checkouts(git);
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The git these workspaces are made and read with, for whoever works on them. */
  public Git git() {
    return git;
  }

  public Path root() {
    return root;
  }

  /** {@code <root>/<sanitised id>}; whether anything is there yet is another matter. */
  public Path pathFor(String commissionId) {
    return root.resolve(directoryName(commissionId));
  }

  /**
   * The commission's workspace, made on the first call (at the commit its base ref names) and
   * returned as it is on every later one. {@link Workspace#created()} tells which happened.
   */
  public Workspace prepare(Commission commission) {
    return prepare(commission, null);
  }

  /**
   * The same, made at {@code baseOrNull} when it has to be made (the base of a checkpoint the work
   * is restored from) and made again at it when the workspace here stands on another base; a
   * repository without that commit is a {@link BaseCommitMissingException}.
   */
  public Workspace prepare(Commission commission, String baseOrNull) {
    // Keyed by repository: git races when two worktrees of one repository are added at once.
    String key = commission.repo().path() != null ? commission.repo().path() : commission.id();
    return locked(key, () -> prepareLocked(commission, baseOrNull));
  }

  /** The git operations of checkpoints, with this root's git. */
  public Checkpoints checkpoints() {
    return new Checkpoints(git);
  }

  /** The checkpoint the workspace held when last taken or restored here, if any. */
  public Optional<String> heldCheckpoint(String commissionId) {
    Path marker = checkpointMarkerFor(commissionId);
    if (!Files.exists(marker)) {
      return Optional.empty();
    }
    String commit = FileTrees.read(marker).strip();
    return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
  }

  /** Records that the workspace holds checkpoint {@code commit} (it was just taken or restored). */
  public void markCheckpoint(String commissionId, String commit) {
    FileTrees.writeAtomically(checkpointMarkerFor(commissionId), commit + "\n");
  }

  /** The workspace if it was made and is still a work tree. */
  public Optional<Workspace> find(String commissionId) {
    Path dir = pathFor(commissionId);
    Path marker = markerFor(commissionId);
    if (!Files.exists(marker) || !isWorkTree(dir)) {
      return Optional.empty();
    }
    return Optional.of(new Workspace(dir, commissionId, false, readMarker(marker)));
  }

  /**
   * Removes the workspace: the worktree registration in {@code repoPathOrNull} when given, the
   * directory, and the marker. Removing a workspace that is not there is not an error.
   */
  public void remove(String commissionId, Path repoPathOrNull) {
    locked(
        commissionId,
        () -> {
          // Marker first: a crash part-way leaves an unmarked directory, which the next prepare
          // treats as half made instead of handing out the remains.
          FileTrees.deleteIfExists(markerFor(commissionId));
          FileTrees.deleteIfExists(checkpointMarkerFor(commissionId));
          checkouts.discard(repoPathOrNull, pathFor(commissionId));
          return null;
        });
  }

  /** Every path that differs from HEAD or is untracked; both sides of a rename. */
  public List<String> changedPaths(Path workspace) {
    return PorcelainStatus.paths(
        git.run(workspace, "status", "--porcelain=v1", "-z", "--untracked-files=all"));
  }

  /**
   * Every path that differs from the commit the workspace was made at: committed, staged, modified,
   * deleted and untracked (not ignored) files, both sides of a rename — what a diff against the
   * base would carry.
   *
   * <p>One {@code git status} answers it while HEAD is still at the base and nothing was staged and
   * then changed again; otherwise the tracked paths come from a diff against the base as well.
   */
  public List<String> changedSince(Workspace workspace) {
    Path dir = workspace.path();
    StatusSinceBase status =
        StatusSinceBase.parse(
            git.run(
                dir,
                "status",
                "--porcelain=v2",
                "-z",
                "--branch",
                "--untracked-files=all",
                "--no-renames"));
    Optional<List<String>> answered = status.changedSince(workspace.baseCommit());
    if (answered.isPresent()) {
      return answered.get();
    }
    var paths = new TreeSet<String>(status.untracked());
    for (String p :
        git.run(dir, "diff", "--name-only", "--no-renames", "-z", workspace.baseCommit())
            .split("\0")) {
      if (!p.isEmpty()) {
        paths.add(p);
      }
    }
    return List.copyOf(paths);
  }

  /** Ids are already safe; this keeps a bad one from escaping the root or hiding as a marker. */
  static String directoryName(String commissionId) {
    if (commissionId == null || commissionId.isEmpty()) {
      throw new IllegalArgumentException("a workspace needs a commission id");
    }
    String name = UNSAFE.matcher(commissionId).replaceAll("_");
    return name.startsWith(".") ? "_" + name.substring(1) : name;
  }

  private Workspace prepareLocked(Commission commission, String baseOrNull) {
    String id = commission.id();
    Path dir = pathFor(id);
    Path marker = markerFor(id);
    Path repo = commission.repo().path() == null ? null : Path.of(commission.repo().path());
    if (Files.exists(marker)) {
      if (isWorkTree(dir)) {
        String made = readMarker(marker);
        if (baseOrNull == null || baseOrNull.equals(made)) {
          return new Workspace(dir, id, false, made);
        }
        // Made here at another base than the work to restore: its content cannot be it.
        FileTrees.deleteIfExists(marker);
        FileTrees.deleteIfExists(checkpointMarkerFor(id));
        checkouts.discard(repo, dir);
      } else {
        requireGone(dir);
      }
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      checkouts.discard(repo, dir);
    }
    FileTrees.deleteIfExists(checkpointMarkerFor(id));
    FileTrees.createDirectories(root);
    String base = checkouts.create(commission.repo(), dir, baseOrNull);
    try {
      FileTrees.writeAtomically(marker, base + "\n");
    } catch (WorkspaceException e) {
      checkouts.discard(repo, dir);
      throw e;
    }
    return new Workspace(dir, id, true, base);
  }

  /**
   * A handed-out workspace that is no longer a work tree holds work nobody may throw away; one
   * deleted from outside is simply made again (and reported as created).
   */
  private static void requireGone(Path dir) {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new WorkspaceException(
          "workspace "
              + dir
              + " was handed out but is no longer a git"
              + " work tree; it is left as it is for inspection. Remove the workspace to start over.",
          false);
    }
  }

  /** True only for a work tree whose top level is {@code dir} itself, not some enclosing one. */
  private boolean isWorkTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    Git.Result r = git.exec(dir, List.of("rev-parse", "--is-inside-work-tree", "--show-toplevel"));
    List<String> lines = r.stdout().lines().toList();
    if (!r.ok() || lines.size() != 2 || !lines.get(0).equals("true")) {
      return false;
    }
    try {
      return Path.of(lines.get(1)).equals(dir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private Path markerFor(String commissionId) {
    return root.resolve("." + directoryName(commissionId) + ".ready");
  }

  private Path checkpointMarkerFor(String commissionId) {
    return root.resolve("." + directoryName(commissionId) + ".checkpoint");
  }

  private static String readMarker(Path marker) {
    String commit = FileTrees.read(marker).strip();
    if (!COMMIT.matcher(commit).matches()) {
      throw new WorkspaceException(
          "workspace marker "
              + marker
              + " does not hold a commit id;"
              + " remove the workspace to start over",
          false);
    }
    return commit;
  }

  private <T> T locked(String key, Supplier<T> action) {
    ReentrantLock lock = locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
