package dev.sleigh.agent.claude;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the {@code claude} program is run.
 *
 * @param command the program and any leading arguments ({@code agent.command}); the adapter adds
 *     its own flags after them
 * @param env extra environment for the program ({@code agent.env})
 * @param approval how tool permissions are answered ({@code agent.approval_policy})
 * @param allowedTools tool rules passed as {@code --allowedTools} ({@code agent.allowed_tools});
 *     empty passes none
 */
public record ClaudeSettings(
    List<String> command, Map<String, String> env, Approval approval, List<String> allowedTools) {
  public static final List<String> DEFAULT_COMMAND = List.of("claude");

  public ClaudeSettings {
    command = command == null || command.isEmpty() ? DEFAULT_COMMAND : List.copyOf(command);
    if (command.getFirst().isBlank()) {
      throw new IllegalArgumentException("the claude agent needs a program to run");
    }
    env = Map.copyOf(env);
    if (approval == null) {
      approval = Approval.AUTO;
    }
    allowedTools = List.copyOf(allowedTools);
    if (allowedTools.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("agent.allowed_tools: a tool rule must not be empty");
    }
  }

  /**
   * The permission mode a headless run gets. Print mode cannot ask anyone, so a tool call that
   * needs a permission the mode does not grant is denied and reported in the result's {@code
   * permission_denials}; the turn goes on without it.
   */
  public enum Approval {
    /**
     * File edits in the workspace are accepted; other tools (shell commands, fetches) only when
     * {@code allowed_tools} names them. The mode that skips every check is refused to root and
     * would let the agent run any command, so it is never chosen.
     */
    AUTO("acceptEdits"),
    /** Nothing is approved beyond what {@code allowed_tools} names; edits are denied too. */
    DENY("default");

    private final String permissionMode;

    Approval(String permissionMode) {
      this.permissionMode = permissionMode;
    }

    /** The value of {@code --permission-mode}. */
    public String permissionMode() {
      return permissionMode;
    }

    /** The approval for an {@code agent.approval_policy} as operators write it. */
    public static Optional<Approval> fromPolicy(String policy) {
      for (Approval a : values()) {
        if (a.name().toLowerCase(Locale.ROOT).equals(policy)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }
}
