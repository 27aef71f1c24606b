package dev.sleigh.runtime.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.domain.CanonicalJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A comment on the Linear issue the commission refers to and, when configured, the issue moved to a
 * workflow state of its team (by the state's name), through the GraphQL API at {@code api}.
 */
final class LinearTarget implements PublishTarget {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ISSUE =
      "query Issue($id: String!) { issue(id: $id) { id team { states { nodes { id name } } } } }";
  static final String COMMENT =
      "mutation Comment($issueId: String!, $body: String!) {"
          + " commentCreate(input: {issueId: $issueId, body: $body}) { success } }";
  static final String MOVE =
      "mutation Move($id: String!, $stateId: String!) {"
          + " issueUpdate(id: $id, input: {stateId: $stateId}) { success } }";

  private final String name;
  private final URI api;
  private final String state;
  private final HttpCalls http;

  LinearTarget(String name, URI api, String state, HttpCalls http) {
    this.name = name;
    this.api = api;
    this.state = state;
    this.http = http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Attempt publish(String id, Map<String, Object> packet, String text, String token)
      throws InterruptedException {
    Optional<String> ref = IssueRefs.linear(packet);
    if (ref.isEmpty()) {
      return new Attempt.Sent("no Linear issue referenced; nothing to comment on");
    }
    Map<String, String> headers = Map.of("Authorization", token);
    var found = call(ISSUE, Map.of("id", ref.get()), headers);
    if (found instanceof Result.Refused r) {
      return r.refused();
    }
    JsonNode issue = ((Result.Data) found).data().path("issue");
    if (issue.isMissingNode() || issue.isNull()) {
      return new Attempt.Refused(name + ": Linear has no issue " + ref.get(), true, null);
    }
    String issueId = issue.path("id").asText();
    if (call(COMMENT, Map.of("issueId", issueId, "body", text), headers)
        instanceof Result.Refused r) {
      return r.refused();
    }
    if (state != null) {
      String stateId = null;
      for (JsonNode s : issue.path("team").path("states").path("nodes")) {
        if (s.path("name").asText().equalsIgnoreCase(state)) {
          stateId = s.path("id").asText();
        }
      }
      if (stateId == null) {
        return new Attempt.Refused(
            name + ": the team of " + ref.get() + " has no workflow state '" + state + "'",
            true,
            null);
      }
      if (call(MOVE, Map.of("id", issueId, "stateId", stateId), headers)
          instanceof Result.Refused r) {
        return r.refused();
      }
    }
    return new Attempt.Sent("commented on " + ref.get());
  }

  private sealed interface Result {
    record Data(JsonNode data) implements Result {}

    record Refused(Attempt.Refused refused) implements Result {}
  }

  /** One GraphQL request; GraphQL errors in a 200 answer are final (the request is wrong). */
  private Result call(String query, Map<String, Object> variables, Map<String, String> headers)
      throws InterruptedException {
    byte[] body =
        CanonicalJson.write(Map.of("query", query, "variables", variables))
            .getBytes(StandardCharsets.UTF_8);
    return switch (http.post(name, api, body, headers)) {
      case HttpCalls.Answer.Failed f -> new Result.Refused(f.refused());
      case HttpCalls.Answer.Body b -> {
        JsonNode root;
        try {
          root = JSON.readTree(b.text());
        } catch (IOException e) {
          yield new Result.Refused(
              new Attempt.Refused(name + ": Linear answered with no JSON", false, null));
        }
        JsonNode errors = root.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
          yield new Result.Refused(
              new Attempt.Refused(
                  name + ": Linear refused: " + errors.get(0).path("message").asText(),
                  true,
                  null));
        }
        yield new Result.Data(root.path("data"));
      }
    };
  }
}
