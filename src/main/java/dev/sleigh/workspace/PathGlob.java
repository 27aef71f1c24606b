package dev.sleigh.workspace;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The scope's path rules: {@code **} matches any number of segments (none included), {@code *} any
 * characters within one segment, anything else itself. Paths are relative, '/'-separated.
 */
public record PathGlob(String pattern) {

  public boolean matches(String path) {
    return match(List.of(pattern.split("/")), 0, List.of(path.split("/")), 0);
  }

  private static boolean match(List<String> glob, int g, List<String> path, int p) {
    if (g == glob.size()) {
      return p == path.size();
    }
    String segment = glob.get(g);
    if (segment.equals("**")) {
      for (int skip = p; skip <= path.size(); skip++) {
        if (match(glob, g + 1, path, skip)) {
          return true;
        }
      }
      return false;
    }
    return p < path.size()
        && segmentMatches(segment, path.get(p))
        && match(glob, g + 1, path, p + 1);
  }

  private static boolean segmentMatches(String glob, String name) {
    if (!glob.contains("*")) {
      return glob.equals(name);
    }
    String regex =
        Arrays.stream(glob.split("\\*", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining("[^/]*"));
    return name.matches(regex);
  }
}
