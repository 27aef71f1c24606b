package dev.sleigh.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A workspace's content kept where every runner of the store can reach it: a checkpoint is the
 * workspace as a commit on its base commit (every path that is not ignored, deletions, modes and
 * symlinks, exactly as {@link Diffs#snapshot} sees them), and a pack of the git objects that commit
 * needs beyond the base. The commit is made with a fixed author, date and message, so the same
 * content on the same base is always the same commit: an unchanged tree is never stored twice.
 * Restoring loads the pack into the repository's objects and writes the checkpoint's tree into the
 * work tree, over whatever was there.
 */
public final class Checkpoints {
  /** Every checkpoint commit is made by this identity at this moment, so only content counts. */
  private static final Map<String, String> FIXED_IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME", "sleigh",
          "GIT_AUTHOR_EMAIL", "sleigh@localhost",
          "GIT_AUTHOR_DATE", "2000-01-01T00:00:00Z",
          "GIT_COMMITTER_NAME", "sleigh",
          "GIT_COMMITTER_EMAIL", "sleigh@localhost",
          "GIT_COMMITTER_DATE", "2000-01-01T00:00:00Z");

  private final Git git;
  private final Diffs diffs;

  public Checkpoints(Git git) {
    this.git = git;
    this.diffs = new Diffs(git);
  }

  /** A checkpoint: its commit, the tree it holds, and the base commit it was made on. */
  public record Checkpoint(String commit, String tree, String base) {
    public Checkpoint {
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(tree, "tree");
      Objects.requireNonNull(base, "base");
    }
  }

  /** A checkpoint just taken, with the pack that carries it. */
  public record Taken(Checkpoint checkpoint, byte[] pack) {
    public long size() {
      return pack.length;
    }
  }

  /** Records the workspace's content as a checkpoint and packs what the base lacks. */
  public Taken take(Workspace workspace) {
    return take(workspace, null);
  }

  /**
   * The same, unless the workspace still holds {@code previousOrNull}'s tree on its base: that
   * checkpoint is then the one taking it would make again (its commit is made of nothing but the
   * tree, the base and fixed words), so it is returned as it is, with no commit or pack made.
   */
  public Taken take(Workspace workspace, Taken previousOrNull) {
    Diffs.Snapshot snapshot = diffs.snapshot(workspace);
    if (previousOrNull != null
        && previousOrNull.checkpoint().tree().equals(snapshot.tree())
        && previousOrNull.checkpoint().base().equals(workspace.baseCommit())) {
      return previousOrNull;
    }
    Path dir = workspace.path();
    String commit =
        git.with(FIXED_IDENTITY)
            .run(
                dir,
                "commit-tree",
                "--no-gpg-sign",
                "-p",
                workspace.baseCommit(),
                "-m",
                "sleigh checkpoint",
                snapshot.tree())
            .strip();
    Checkpoint checkpoint = new Checkpoint(commit, snapshot.tree(), workspace.baseCommit());
    return new Taken(checkpoint, pack(dir, checkpoint));
  }

  /** The objects {@code checkpoint} needs beyond its base, as one pack. */
  private byte[] pack(Path dir, Checkpoint checkpoint) {
    try (ScratchDirectory scratch = ScratchDirectory.create()) {
      Path revs = scratch.resolve("revs");
      Path pack = scratch.resolve("checkpoint.pack");
      Files.writeString(revs, checkpoint.commit() + "\n^" + checkpoint.base() + "\n");
      git.runBetweenFiles(dir, revs, pack, "pack-objects", "--revs", "--stdout", "-q");
      return Files.readAllBytes(pack);
    } catch (IOException e) {
      throw new WorkspaceException(
          "could not pack checkpoint " + checkpoint.commit() + ": " + e, true, e);
    }
  }

  /**
   * Whether {@code repo} has {@code commit}, as a restore or a delivery needs it to; a checkpoint's
   * base must be there before its pack can be of use.
   */
  public boolean has(Path repo, String commit) {
    return git.exec(repo, List.of("cat-file", "-e", commit + "^{commit}")).ok();
  }

  /**
   * Loads the pack's objects into the repository of {@code repoOrWorkTree}, unless already there.
   */
  public void load(Path repoOrWorkTree, Checkpoint checkpoint, byte[] pack) {
    if (has(repoOrWorkTree, checkpoint.commit())) {
      return;
    }
    try (ScratchDirectory scratch = ScratchDirectory.create()) {
      Path file = scratch.resolve("checkpoint.pack");
      Path out = scratch.resolve("index-pack.out");
      Files.write(file, pack);
      git.runBetweenFiles(repoOrWorkTree, file, out, "index-pack", "--stdin");
    } catch (IOException e) {
      throw new WorkspaceException(
          "could not load checkpoint " + checkpoint.commit() + ": " + e, true, e);
    }
    if (!has(repoOrWorkTree, checkpoint.commit())) {
      throw new WorkspaceException(
          "the pack of checkpoint " + checkpoint.commit() + " does not hold it", false);
    }
  }

  /**
   * Makes the work tree hold exactly the checkpoint's tree — what is not in it goes, ignored files
   * aside — with its HEAD and index at the base, as an agent's uncommitted work leaves them.
   */
  public void restore(Workspace workspace, Checkpoint checkpoint, byte[] pack) {
    Path dir = workspace.path();
    load(dir, checkpoint, pack);
    git.run(dir, "read-tree", "-u", "--reset", checkpoint.tree());
    git.run(dir, "clean", "-f", "-d", "-q");
    git.run(dir, "reset", "-q");
  }

  /**
   * The checkpoint as a change to read and deliver, its objects loaded into {@code repoOrWorkTree}
   * (whose base commit must be there): no work tree is needed, so it works on any host of the
   * store, also after the workspace is gone.
   */
  public Diffs.Snapshot snapshot(Path repoOrWorkTree, Checkpoint checkpoint, byte[] pack) {
    Set<String> missing = missing(repoOrWorkTree, List.of(checkpoint.base(), checkpoint.commit()));
    if (missing.contains(checkpoint.base())) {
      throw new WorkspaceException(
          "the base commit "
              + checkpoint.base()
              + " of checkpoint "
              + checkpoint.commit()
              + " is not in "
              + repoOrWorkTree,
          false);
    }
    if (missing.contains(checkpoint.commit())) {
      load(repoOrWorkTree, checkpoint, pack);
    }
    String baseTree = git.treeOf(repoOrWorkTree, checkpoint.base());
    return new Diffs.Snapshot(
        repoOrWorkTree, checkpoint.base(), baseTree, checkpoint.tree(), false);
  }

  /** Which of {@code commits} the repository of {@code repoOrWorkTree} lacks, asked in one call. */
  private Set<String> missing(Path repoOrWorkTree, List<String> commits) {
    try (ScratchDirectory scratch = ScratchDirectory.create()) {
      Path asked = scratch.resolve("asked");
      Path answers = scratch.resolve("answers");
      StringBuilder lines = new StringBuilder();
      for (String commit : commits) {
        lines.append(commit).append("^{commit}\n");
      }
      Files.writeString(asked, lines);
      git.runBetweenFiles(repoOrWorkTree, asked, answers, "cat-file", "--batch-check");
      // one line per question, in order: "<id> commit <size>", or "<question> missing"
      List<String> answered = Files.readAllLines(answers);
      if (answered.size() != commits.size()) {
        throw new WorkspaceException(
            "git cat-file answered " + answered.size() + " of " + commits.size() + " questions",
            true);
      }
      Set<String> out = new HashSet<>();
      for (int i = 0; i < commits.size(); i++) {
        String[] answer = answered.get(i).split(" ");
        boolean present =
            answer.length == 3
                && answer[1].equals("commit")
                && answer[0].startsWith(commits.get(i));
        if (!present) {
          out.add(commits.get(i));
        }
      }
      return out;
    } catch (IOException e) {
      throw new WorkspaceException("could not ask git for commits: " + e, true, e);
    }
  }

  /** Whether the workspace holds exactly the checkpoint's tree right now. */
  public boolean holds(Workspace workspace, Checkpoint checkpoint) {
    return diffs.snapshot(workspace).tree().equals(checkpoint.tree());
  }
}
