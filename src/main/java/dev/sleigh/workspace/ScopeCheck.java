package dev.sleigh.workspace;

import dev.sleigh.domain.Commission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether every change in a workspace is within the commission's scope: each changed path must
 * match an allowed rule and no forbidden rule; a symlink is itself a change, and one that points
 * out of the workspace or into a forbidden path is a violation; so is any path that is absolute or
 * climbs with {@code ..}.
 */
public final class ScopeCheck {
  private final Commission.Scope scope;

  public ScopeCheck(Commission.Scope scope) {
    this.scope = scope;
  }

  /** The offending paths with why each offends, empty when every change is within scope. */
  public List<String> violations(Path workspace, List<String> changed) {
    Path root = workspace.toAbsolutePath().normalize();
    List<String> out = new ArrayList<>();
    for (String path : changed) {
      String problem = problem(root, path);
      if (problem != null) {
        out.add(path + " (" + problem + ")");
      }
    }
    return out;
  }

  /**
   * The same check on a tree rather than on files (a checkpoint delivered without its workspace): a
   * symlink's target is read from the tree and resolved against its own directory there. {@code
   * changed}: the change's paths with their mode and blob in the tree, as one diff lists them.
   */
  public List<String> violationsInTree(Git git, Path repo, List<Diffs.Entry> changed) {
    List<String> out = new ArrayList<>();
    for (Diffs.Entry entry : changed) {
      String path = entry.path();
      String problem = textProblem(path);
      if (problem == null && entry.symlink()) {
        problem = treeSymlinkProblem(git, repo, entry);
      }
      if (problem != null) {
        out.add(path + " (" + problem + ")");
      }
    }
    return out;
  }

  private String textProblem(String path) {
    if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
      return "leaves the workspace";
    }
    return rule(path);
  }

  private String treeSymlinkProblem(Git git, Path repo, Diffs.Entry entry) {
    String target = git.run(repo, "cat-file", "blob", entry.blob());
    Path link = Path.of(entry.path());
    Path resolved =
        (link.getParent() == null ? Path.of("") : link.getParent()).resolve(target).normalize();
    String inside = resolved.toString().replace('\\', '/');
    if (target.startsWith("/") || inside.equals("..") || inside.startsWith("../")) {
      return "symlink to " + target + " outside the workspace";
    }
    String rule = rule(inside);
    return rule == null ? null : "symlink to " + inside + ", " + rule;
  }

  private String problem(Path root, String path) {
    if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
      return "leaves the workspace";
    }
    String rule = rule(path);
    if (rule != null) {
      return rule;
    }
    Path file = root.resolve(path);
    if (Files.isSymbolicLink(file)) {
      return symlinkProblem(root, file);
    }
    return null;
  }

  private String rule(String path) {
    for (String forbidden : scope.forbiddenPaths()) {
      if (new PathGlob(forbidden).matches(path)) {
        return "forbidden by " + forbidden;
      }
    }
    for (String allowed : scope.allowedPaths()) {
      if (new PathGlob(allowed).matches(path)) {
        return null;
      }
    }
    return "not in allowed_paths";
  }

  private String symlinkProblem(Path root, Path link) {
    try {
      Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
      Path real = Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? target.toRealPath() : target;
      Path realRoot = root.toRealPath();
      if (!real.startsWith(realRoot) && !target.startsWith(root)) {
        return "symlink to " + target + " outside the workspace";
      }
      Path inside = real.startsWith(realRoot) ? realRoot.relativize(real) : root.relativize(target);
      String rule = rule(inside.toString().replace('\\', '/'));
      return rule == null ? null : "symlink to " + inside + ", " + rule;
    } catch (IOException e) {
      return "symlink that cannot be read: " + e.getMessage();
    }
  }
}
