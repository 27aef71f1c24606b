package dev.sleigh.runtime.projection;

import dev.sleigh.domain.CanonicalJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A comment on the GitHub issue or pull request the commission refers to, then its labels, through
 * the REST API at {@code api} (GitHub's own unless configured otherwise).
 */
final class GitHubTarget implements PublishTarget {
  private final String name;
  private final URI api;
  private final String repo;
  private final List<String> labels;
  private final HttpCalls http;

  GitHubTarget(String name, URI api, String repo, List<String> labels, HttpCalls http) {
    this.name = name;
    this.api = api;
    this.repo = repo;
    this.labels = List.copyOf(labels);
    this.http = http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Attempt publish(String id, Map<String, Object> packet, String text, String token)
      throws InterruptedException {
    Optional<IssueRefs.GitHubIssue> issue = IssueRefs.github(packet, repo);
    if (issue.isEmpty()) {
      return new Attempt.Sent("no GitHub issue or pull request referenced; nothing to comment on");
    }
    String base =
        api.toString().replaceAll("/+$", "")
            + "/repos/"
            + issue.get().repo()
            + "/issues/"
            + issue.get().number();
    Map<String, String> headers =
        Map.of(
            "Authorization", "Bearer " + token,
            "Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", "2022-11-28");
    var comment =
        http.post(name, URI.create(base + "/comments"), json(Map.of("body", text)), headers);
    if (comment instanceof HttpCalls.Answer.Failed f) {
      return f.refused();
    }
    if (!labels.isEmpty()
        && http.post(name, URI.create(base + "/labels"), json(Map.of("labels", labels)), headers)
            instanceof HttpCalls.Answer.Failed f) {
      return f.refused();
    }
    return new Attempt.Sent("commented on " + issue.get().repo() + "#" + issue.get().number());
  }

  private static byte[] json(Map<String, Object> body) {
    return CanonicalJson.write(body).getBytes(StandardCharsets.UTF_8);
  }
}
