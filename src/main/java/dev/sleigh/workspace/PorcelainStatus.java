package dev.sleigh.workspace;

import java.util.List;
import java.util.TreeSet;

/**
 * Reads {@code git status --porcelain=v1 -z}: entries {@code XY path} separated by NUL, where a
 * rename or copy is followed by one more NUL-terminated field holding the original path.
 */
final class PorcelainStatus {
  private PorcelainStatus() {}

  /** Every path the status mentions, both sides of a rename included, sorted and distinct. */
  static List<String> paths(String output) {
    String[] fields = output.split("\0");
    var paths = new TreeSet<String>();
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i];
      if (field.isEmpty()) {
        continue;
      }
      if (field.length() < 4 || field.charAt(2) != ' ') {
        throw new WorkspaceException(
            "git status printed an unexpected entry: '" + field + "'", false);
      }
      paths.add(field.substring(3));
      if (isRenameOrCopy(field.charAt(0)) || isRenameOrCopy(field.charAt(1))) {
        i++;
        if (i < fields.length) {
          paths.add(fields[i]);
        }
      }
    }
    return List.copyOf(paths);
  }

  private static boolean isRenameOrCopy(char status) {
    return status == 'R' || status == 'C';
  }
}
