package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.AgentApproval;
import dev.sleigh.domain.ApprovalPolicy;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides codex's requests for approval per {@link ApprovalPolicy} and says what each asked for.
 * Under {@code workspace} a file change is accepted when every path it writes (and the root it asks
 * to write under, if any) is inside the workspace; every command to run outside the sandbox, every
 * network request and every request for more permissions is declined. A file change request names
 * only its item, so the paths come from the {@code item/started} notification that precedes it on
 * the same stream; a change whose paths were not seen is declined.
 */
final class Approvals {
  static final String COMMAND = "command";
  static final String NETWORK = "network";
  static final String FILE_CHANGE = "file_change";
  static final String PERMISSIONS = "permissions";

  private static final int TEXT_LIMIT = 500;

  private final ApprovalPolicy policy;
  private final List<Path> workspace;
  private final Map<String, List<String>> changes = new ConcurrentHashMap<>();

  /** {@code workspace}: the directory the agent works in (as given, and as it really is). */
  Approvals(ApprovalPolicy policy, Path workspace) {
    this.policy = policy;
    Path given = workspace.toAbsolutePath().normalize();
    Path real;
    try {
      real = given.toRealPath();
    } catch (IOException e) {
      real = given;
    }
    this.workspace = List.of(given, real);
  }

  ApprovalPolicy policy() {
    return policy;
  }

  /** Remembers the paths of a file change item as it starts; forgets them when it completes. */
  void item(String method, JsonNode params) {
    JsonNode item = params.path("item");
    if (!item.path("type").asText().equals("fileChange")) {
      return;
    }
    String id = item.path("id").asText("");
    if (method.equals(Protocol.ITEM_STARTED)) {
      List<String> paths = new ArrayList<>();
      item.path("changes").forEach(c -> paths.add(c.path("path").asText()));
      changes.put(id, paths);
    } else if (method.equals(Protocol.ITEM_COMPLETED)) {
      changes.remove(id);
    }
  }

  /** The answer to a request of {@code method}, or null when it is no approval request. */
  AgentApproval decide(String method, JsonNode params) {
    String reason = text(params.path("reason"));
    return switch (method) {
      case RequestAnswers.COMMAND_APPROVAL -> {
        boolean network =
            !params.path("networkApprovalContext").isMissingNode()
                && !params.path("networkApprovalContext").isNull();
        yield command(network ? NETWORK : COMMAND, text(params.path("command")), reason);
      }
      case RequestAnswers.LEGACY_EXEC_APPROVAL ->
          command(COMMAND, joined(params.path("command")), reason);
      case RequestAnswers.FILE_CHANGE_APPROVAL ->
          fileChange(
              changes.getOrDefault(params.path("itemId").asText(""), List.of()),
              text(params.path("grantRoot")),
              reason);
      case RequestAnswers.LEGACY_PATCH_APPROVAL -> {
        List<String> paths = new ArrayList<>();
        params.path("fileChanges").fieldNames().forEachRemaining(paths::add);
        yield fileChange(paths, text(params.path("grantRoot")), reason);
      }
      case RequestAnswers.PERMISSIONS ->
          new AgentApproval(
              PERMISSIONS,
              null,
              List.of(),
              clip(params.path("permissions").toString()),
              policy == ApprovalPolicy.ACCEPT_ALL,
              policy.wire(),
              reason);
      default -> null;
    };
  }

  private AgentApproval command(String kind, String command, String reason) {
    return new AgentApproval(
        kind, command, List.of(), null, policy == ApprovalPolicy.ACCEPT_ALL, policy.wire(), reason);
  }

  private AgentApproval fileChange(List<String> paths, String grantRoot, String reason) {
    List<String> all = new ArrayList<>(paths);
    if (grantRoot != null) {
      all.add(grantRoot);
    }
    boolean accept =
        switch (policy) {
          case ACCEPT_ALL -> true;
          case DENY -> false;
          case WORKSPACE -> !all.isEmpty() && all.stream().allMatch(this::inWorkspace);
        };
    return new AgentApproval(FILE_CHANGE, null, all, null, accept, policy.wire(), reason);
  }

  /** Whether {@code path}, taken from the workspace when relative, lies inside it. */
  boolean inWorkspace(String path) {
    try {
      Path p = workspace.getFirst().resolve(path).normalize();
      return workspace.stream().anyMatch(p::startsWith);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static String joined(JsonNode argv) {
    if (!argv.isArray()) {
      return text(argv);
    }
    List<String> parts = new ArrayList<>();
    argv.forEach(a -> parts.add(a.asText()));
    return clip(String.join(" ", parts));
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? clip(node.asText()) : null;
  }

  private static String clip(String text) {
    return text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + "…" : text;
  }
}
