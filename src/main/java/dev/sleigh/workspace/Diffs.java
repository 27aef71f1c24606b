package dev.sleigh.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a workspace changed since its base commit: tracked edits, deletions, mode changes and
 * untracked files that are not ignored, binary files included.
 *
 * <p>The workspace is first written as a tree through a scratch index ({@link #snapshot}), so its
 * own index and files are never touched, and the same tree is what a delivery commits. Every diff
 * is then between two trees, with the options a user's configuration could change spelled out.
 */
public final class Diffs {
  /** Plain, complete, machine-applicable output whatever the user's git configuration says. */
  private static final List<String> PLAIN =
      List.of(
          "--no-color",
          "--no-ext-diff",
          "--no-textconv",
          "--no-renames",
          "--src-prefix=a/",
          "--dst-prefix=b/");

  private final Git git;

  public Diffs(Git git) {
    this.git = git;
  }

  /**
   * A change as a tree beside the commit it was made from. {@code workspace} is where git runs to
   * read it; {@code onDisk} says whether that directory also holds the change's files (a workspace)
   * or only its objects (a repository a checkpoint was loaded into).
   */
  public record Snapshot(
      Path workspace, String baseCommit, String baseTree, String tree, boolean onDisk) {
    public Snapshot {
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(baseCommit, "baseCommit");
      Objects.requireNonNull(baseTree, "baseTree");
      Objects.requireNonNull(tree, "tree");
    }

    /** A workspace's content, its files on disk. */
    public Snapshot(Path workspace, String baseCommit, String baseTree, String tree) {
      this(workspace, baseCommit, baseTree, tree, true);
    }

    /** True when the workspace holds exactly what the base commit holds. */
    public boolean empty() {
      return tree.equals(baseTree);
    }
  }

  /** One changed path: {@code status} is git's letter (A, M, D, T); no counts for binaries. */
  public record FileChange(String path, String status, Integer added, Integer deleted) {}

  public Snapshot snapshot(Workspace workspace) {
    Path dir = workspace.path();
    String baseTree = git.treeOf(dir, workspace.baseCommit());
    try (ScratchDirectory scratch = ScratchDirectory.create()) {
      Git staging = git.withIndexFile(scratch.resolve("index"));
      // Starting from HEAD keeps tracked files that an ignore rule would hide from a fresh add.
      staging.run(dir, "read-tree", "HEAD");
      staging.run(dir, "add", "--all");
      String tree = staging.run(dir, "write-tree").strip();
      return new Snapshot(dir, workspace.baseCommit(), baseTree, tree);
    }
  }

  /**
   * Writes the binary-safe patch from the base commit to the snapshot into {@code file}. Git writes
   * the file itself, so the bytes never pass through a character decoding.
   */
  public void writePatch(Snapshot snapshot, Path file) {
    git.run(
        snapshot.workspace(),
        diff(snapshot, "--binary", "--full-index", "--output=" + file.toAbsolutePath()));
  }

  /** The patch {@link #writePatch} writes, as bytes exactly as git wrote them. */
  public byte[] patch(Snapshot snapshot) {
    try (ScratchDirectory scratch = ScratchDirectory.create()) {
      Path file = scratch.resolve("change.patch");
      writePatch(snapshot, file);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new WorkspaceException("could not read the patch git wrote: " + e, true, e);
    }
  }

  /** Every path the patch touches, sorted. */
  public List<String> paths(Snapshot snapshot) {
    return fields(git.run(snapshot.workspace(), diff(snapshot, "--name-only", "-z")));
  }

  /** Every path the patch touches, with its status and line counts, sorted by path. */
  public List<FileChange> files(Snapshot snapshot) {
    // One diff prints both: the raw entries (with the status) first, then the line counts.
    Map<String, String> statusByPath = new LinkedHashMap<>();
    List<FileChange> out = new ArrayList<>();
    List<String> fields =
        fields(
            git.run(
                snapshot.workspace(), diff(snapshot, "--raw", "--no-abbrev", "--numstat", "-z")));
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      if (field.startsWith(":")) {
        i++;
        statusByPath.put(fields.get(i), Entry.parse(field, fields.get(i)).status());
        continue;
      }
      String[] parts = field.split("\t", 3);
      out.add(
          new FileChange(
              parts[2],
              statusByPath.getOrDefault(parts[2], "M"),
              count(parts[0]),
              count(parts[1])));
    }
    return out;
  }

  /** One changed path as the change's tree holds it: its status, and its mode and blob there. */
  public record Entry(String path, String status, String mode, String blob) {
    /** Whether the change leaves a symbolic link at the path. */
    public boolean symlink() {
      return mode.equals("120000");
    }

    /** {@code :srcmode dstmode srcblob dstblob status} and the path, as {@code --raw} prints. */
    static Entry parse(String raw, String path) {
      String[] parts = raw.substring(1).split(" ");
      if (parts.length != 5) {
        throw new WorkspaceException("git diff printed an unexpected entry: '" + raw + "'", false);
      }
      return new Entry(path, parts[4].substring(0, 1), parts[1], parts[3]);
    }
  }

  /** Every path the patch touches with its mode and blob in the change, sorted by path. */
  public List<Entry> entries(Snapshot snapshot) {
    List<String> fields =
        fields(git.run(snapshot.workspace(), diff(snapshot, "--raw", "--no-abbrev", "-z")));
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      out.add(Entry.parse(fields.get(i), fields.get(i + 1)));
    }
    return out;
  }

  private static String[] diff(Snapshot snapshot, String... options) {
    List<String> args = new ArrayList<>(List.of("diff"));
    args.addAll(PLAIN);
    args.addAll(List.of(options));
    args.addAll(List.of(snapshot.baseCommit(), snapshot.tree(), "--"));
    return args.toArray(String[]::new);
  }

  private static List<String> fields(String output) {
    List<String> out = new ArrayList<>();
    for (String field : output.split("\0")) {
      if (!field.isEmpty()) {
        out.add(field);
      }
    }
    return out;
  }

  /** Numstat prints {@code -} for both counts of a binary file. */
  private static Integer count(String field) {
    return field.equals("-") ? null : Integer.valueOf(field);
  }
}
