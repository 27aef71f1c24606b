package dev.sleigh.workspace;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads {@code git status --porcelain=v2 -z --branch --untracked-files=all --no-renames}: the
 * commit HEAD is at, the tracked paths whose index or file differs from HEAD, and the untracked
 * ones (not ignored). When HEAD is still the base commit and no path is both staged and changed
 * again on disk, the tracked paths are exactly those whose file differs from the base (what {@code
 * git diff --name-only <base>} lists), so the one call answers what changed since the base.
 */
record StatusSinceBase(
    String head, List<String> tracked, boolean ambiguous, List<String> untracked) {

  static StatusSinceBase parse(String output) {
    String head = "";
    var tracked = new TreeSet<String>();
    var untracked = new TreeSet<String>();
    boolean ambiguous = false;
    String[] fields = output.split("\0");
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i];
      if (field.isEmpty()) {
        continue;
      }
      switch (field.charAt(0)) {
        case '#' -> {
          if (field.startsWith("# branch.oid ")) {
            head = field.substring("# branch.oid ".length());
          }
        }
        case '?' -> untracked.add(after(field, 1));
        case '!' -> {
          // ignored files are not listed without --ignored, and are no change
        }
        case '1' -> ambiguous |= tracked(field, 8, tracked);
        case '2' -> {
          ambiguous |= tracked(field, 9, tracked);
          i++;
          if (i < fields.length) {
            tracked.add(fields[i]);
          }
        }
        case 'u' -> ambiguous |= tracked(field, 10, tracked);
        default -> throw unexpected(field);
      }
    }
    return new StatusSinceBase(head, List.copyOf(tracked), ambiguous, List.copyOf(untracked));
  }

  /**
   * The paths that differ from {@code base}, when this status alone says so: empty when HEAD moved
   * away from the base, or a path's index and file both differ (its file may be the base's again).
   */
  Optional<List<String>> changedSince(String base) {
    if (!head.equals(base) || ambiguous) {
      return Optional.empty();
    }
    var all = new TreeSet<String>(tracked);
    all.addAll(untracked);
    return Optional.of(List.copyOf(all));
  }

  /** Adds the entry's path; true when both its index and its file differ (XY both not '.'). */
  private static boolean tracked(String field, int spaces, TreeSet<String> paths) {
    if (field.length() < 4 || field.charAt(1) != ' ') {
      throw unexpected(field);
    }
    paths.add(after(field, spaces));
    return field.charAt(2) != '.' && field.charAt(3) != '.';
  }

  /** What follows the {@code spaces}-th space: the path, which may itself hold spaces. */
  private static String after(String field, int spaces) {
    int at = -1;
    for (int n = 0; n < spaces; n++) {
      at = field.indexOf(' ', at + 1);
      if (at < 0) {
        throw unexpected(field);
      }
    }
    return field.substring(at + 1);
  }

  private static WorkspaceException unexpected(String field) {
    return new WorkspaceException("git status printed an unexpected entry: '" + field + "'", false);
  }
}
