package dev.sleigh.cli.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where the default home and {@code sleigh.md} live: the nearest directory, from the working
 * directory up to the root, that holds a {@code sleigh.md} or a {@code .sleigh/}, found the way git
 * finds {@code .git}. So a command run from deep inside a project works on that project's store and
 * configuration. When no directory holds either, the working directory itself, together with the
 * directories searched, so a command that finds no store can say where it looked.
 */
public record ProjectDirectory(Path dir, boolean found, List<Path> searched) {
  public static final String CONFIG = "sleigh.md";
  public static final String HOME = ".sleigh";

  public ProjectDirectory {
    Objects.requireNonNull(dir, "dir");
    searched = List.copyOf(searched);
  }

  /** Walks up from {@code cwd}, an absolute path; looks only, never creates anything. */
  public static ProjectDirectory find(Path cwd) {
    List<Path> searched = new ArrayList<>();
    for (Path d = cwd; d != null; d = d.getParent()) {
      searched.add(d);
      if (Files.isRegularFile(d.resolve(CONFIG)) || Files.isDirectory(d.resolve(HOME))) {
        return new ProjectDirectory(d, true, searched);
      }
    }
    return new ProjectDirectory(cwd, false, searched);
  }

  /**
   * What a report of a missing store or home adds: where the home was looked for, and how to get
   * one. Nothing when the home was found right in the working directory, which the report names.
   */
  public String explanation() {
    if (found) {
      return searched.size() == 1
          ? ""
          : "; that is the home of "
              + dir
              + ", the nearest directory above the working directory holding "
              + CONFIG
              + " or "
              + HOME
              + "/";
    }
    return "; looked for "
        + CONFIG
        + " or "
        + HOME
        + "/ in "
        + searched.stream().map(Path::toString).collect(Collectors.joining(", "))
        + " and found neither; run `sleigh init` to start a project in the working directory,"
        + " or name an existing home with --home (or $SLEIGH_HOME)";
  }
}
