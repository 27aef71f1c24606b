package dev.sleigh.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a delivered commit is by: the target repository's {@code user.name} and {@code user.email} as
 * git resolves them (the repository's own configuration, then the user's global one, then the
 * system's), each falling back to Sleigh's fixed identity only when git has none. A delivery lands
 * in the user's repository as their work to review and push, so it carries their identity, as a
 * commit they made there would.
 */
public record CommitIdentity(String name, String email) {
  /** The identity git runs with for Sleigh's own commits, and a delivery's when git knows none. */
  public static final CommitIdentity FIXED = new CommitIdentity("sleigh", "sleigh@localhost");

  /** The scope {@code git config --show-scope} gives the {@code -c} values of the command line. */
  private static final String COMMAND_LINE = "command";

  public CommitIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }

  /** The identity git would commit with in {@code repo}, had Sleigh set none of its own. */
  public static CommitIdentity of(Git git, Path repo) {
    // Both keys in one call: lines "scope<TAB>key value", the key in lower case.
    Git.Result r =
        git.exec(repo, List.of("config", "--show-scope", "--get-regexp", "^user\\.(name|email)$"));
    String listing = r.ok() ? r.stdout() : "";
    return new CommitIdentity(
        lastConfigured(valuesOf(listing, "user.name")).orElse(FIXED.name()),
        lastConfigured(valuesOf(listing, "user.email")).orElse(FIXED.email()));
  }

  /** The {@code scope<TAB>value} lines of {@code key} in a {@code --get-regexp} listing. */
  static String valuesOf(String listing, String key) {
    StringBuilder out = new StringBuilder();
    for (String line : listing.lines().toList()) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String rest = line.substring(tab + 1);
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      if (name.equals(key)) {
        out.append(line, 0, tab + 1)
            .append(space < 0 ? "" : rest.substring(space + 1))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** The environment that makes git commit as this identity, author and committer alike. */
  public Map<String, String> variables() {
    return Map.of(
        "GIT_AUTHOR_NAME", name,
        "GIT_AUTHOR_EMAIL", email,
        "GIT_COMMITTER_NAME", name,
        "GIT_COMMITTER_EMAIL", email);
  }

  /**
   * The last value of one key's {@code scope<TAB>value} lines not set on the command line: git
   * always runs with Sleigh's own identity there, so that one is passed over, and the last of the
   * others is the one git would use.
   */
  static Optional<String> lastConfigured(String listing) {
    return listing
        .lines()
        .map(CommitIdentity::fromConfigFile)
        .flatMap(Optional::stream)
        .reduce((first, second) -> second);
  }

  /** The value of one {@code scope<TAB>value} line, unless the command line set it. */
  private static Optional<String> fromConfigFile(String line) {
    int tab = line.indexOf('\t');
    if (tab < 0 || line.substring(0, tab).equals(COMMAND_LINE)) {
      return Optional.empty();
    }
    String value = line.substring(tab + 1).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
