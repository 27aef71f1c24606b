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
    return new CommitIdentity(
        configured(git, repo, "user.name").orElse(FIXED.name()),
        configured(git, repo, "user.email").orElse(FIXED.email()));
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
   * {@code key} as the repository's configuration files give it. Git always runs with Sleigh's own
   * identity on its command line, so every value is listed with its scope and the command line's is
   * passed over; the last of the others is the one git would use.
   */
  private static Optional<String> configured(Git git, Path repo, String key) {
    Git.Result r = git.exec(repo, List.of("config", "--show-scope", "--get-all", key));
    return r.ok() ? lastConfigured(r.stdout()) : Optional.empty();
  }

  /** The last value of {@code git config --show-scope --get-all} not set on the command line. */
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
