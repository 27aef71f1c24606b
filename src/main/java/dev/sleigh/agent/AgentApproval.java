package dev.sleigh.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request of the agent to act beyond what it may do on its own, and Sleigh's answer: what the
 * runtime records as an {@code agent_approval} event.
 *
 * @param kind {@code command} (run a command outside the sandbox), {@code network} (a command that
 *     needs the network), {@code file_change} (a patch the sandbox does not allow by itself) or
 *     {@code permissions} (more filesystem or network rights)
 * @param command the command line of a command or network request; null otherwise
 * @param paths the paths a file change writes (and the root it asks to write under); empty
 *     otherwise
 * @param requested what a permissions request asks for, as the agent wrote it; null otherwise
 * @param accepted Sleigh's answer
 * @param policy the {@code agent.approval_policy} that answered
 * @param reason why the agent asked, in its own words; null when it gave none
 */
public record AgentApproval(
    String kind,
    String command,
    List<String> paths,
    String requested,
    boolean accepted,
    String policy,
    String reason) {
  public AgentApproval {
    Objects.requireNonNull(kind, "kind");
    paths = List.copyOf(paths);
    Objects.requireNonNull(policy, "policy");
  }

  public String decision() {
    return accepted ? "accepted" : "declined";
  }

  /** The event's data: the fields that say something, in a stable order. */
  public Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kind", kind);
    if (command != null) {
      data.put("command", command);
    }
    if (!paths.isEmpty()) {
      data.put("paths", paths);
    }
    if (requested != null) {
      data.put("requested", requested);
    }
    data.put("decision", decision());
    data.put("policy", policy);
    if (reason != null) {
      data.put("reason", reason);
    }
    return data;
  }

  /** One line for logs: what was asked and what Sleigh answered. */
  public String describe() {
    String what =
        switch (kind) {
          case "command", "network" -> kind + " " + command;
          case "file_change" -> "file change of " + String.join(", ", paths);
          default -> kind + (requested == null ? "" : " " + requested);
        };
    return what + ": " + decision() + " (approval_policy " + policy + ")";
  }
}
