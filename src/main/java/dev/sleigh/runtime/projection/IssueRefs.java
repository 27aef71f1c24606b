package dev.sleigh.runtime.projection;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The issue a commission refers to ({@code problem_card_ref}), as each tracker names it. */
final class IssueRefs {
  private static final Pattern GITHUB_URL =
      Pattern.compile("https?://[^/]+/([\\w.-]+/[\\w.-]+)/(?:issues|pull)/(\\d+)\\b.*");
  private static final Pattern GITHUB_SHORT =
      Pattern.compile("(?:github:)?([\\w.-]+/[\\w.-]+)?#(\\d+)");
  private static final Pattern LINEAR =
      Pattern.compile("(?:linear:|https?://linear\\.app/[^/]+/issue/)?([A-Z][A-Z0-9]*-\\d+)\\b.*");

  private IssueRefs() {}

  /** A GitHub issue or pull request: {@code owner/name} and its number. */
  record GitHubIssue(String repo, int number) {}

  @SuppressWarnings("unchecked")
  static Optional<String> ref(Map<String, Object> packet) {
    Map<String, Object> c = (Map<String, Object>) packet.get("commission");
    return Optional.ofNullable((String) c.get("problem_card_ref")).map(String::strip);
  }

  /** {@code owner/name#12}, {@code #12} (in {@code defaultRepo}), or the issue's URL. */
  static Optional<GitHubIssue> github(Map<String, Object> packet, String defaultRepo) {
    return ref(packet)
        .flatMap(
            ref -> {
              Matcher url = GITHUB_URL.matcher(ref);
              if (url.matches()) {
                return Optional.of(new GitHubIssue(url.group(1), Integer.parseInt(url.group(2))));
              }
              Matcher s = GITHUB_SHORT.matcher(ref);
              if (s.matches() && (s.group(1) != null || defaultRepo != null)) {
                String repo = s.group(1) != null ? s.group(1) : defaultRepo;
                return Optional.of(new GitHubIssue(repo, Integer.parseInt(s.group(2))));
              }
              return Optional.empty();
            });
  }

  /** {@code ENG-12}, {@code linear:ENG-12} or the issue's URL. */
  static Optional<String> linear(Map<String, Object> packet) {
    return ref(packet)
        .flatMap(
            ref -> {
              Matcher m = LINEAR.matcher(ref);
              return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
            });
  }
}
