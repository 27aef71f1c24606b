package dev.sleigh.agent.claude;

import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import java.util.List;
import java.util.Map;

/**
 * How the {@code claude} program is run.
 *
 * @param command the program and any leading arguments ({@code agent.command}); the adapter adds
 *     its own flags after them
 * @param env extra environment for the program ({@code agent.env})
 * @param approval how tool permissions are answered ({@code agent.approval_policy})
 * @param allowedTools tool rules passed as {@code --allowedTools} ({@code agent.allowed_tools});
 *     empty passes none
 * @param tuning {@code --model}, {@code --effort} and extra arguments
 */
public record ClaudeSettings(
    List<String> command,
    Map<String, String> env,
    ApprovalPolicy approval,
    List<String> allowedTools,
    AgentTuning tuning) {
  public static final List<String> DEFAULT_COMMAND = List.of("claude");

  /** Why {@code accept_all} is refused for claude, and what to write instead. */
  public static final String ACCEPT_ALL_REFUSED =
      "agent.approval_policy: accept_all is not available for kind claude (Sleigh never runs"
          + " claude in the mode that skips every permission check); write workspace and name"
          + " the commands it may run in agent.allowed_tools";

  public ClaudeSettings {
    command = command == null || command.isEmpty() ? DEFAULT_COMMAND : List.copyOf(command);
    if (command.getFirst().isBlank()) {
      throw new IllegalArgumentException("the claude agent needs a program to run");
    }
    env = Map.copyOf(env);
    if (approval == null) {
      approval = ApprovalPolicy.WORKSPACE;
    }
    if (approval == ApprovalPolicy.ACCEPT_ALL) {
      throw new IllegalArgumentException(ACCEPT_ALL_REFUSED);
    }
    allowedTools = List.copyOf(allowedTools);
    if (allowedTools.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("agent.allowed_tools: a tool rule must not be empty");
    }
    tuning = tuning == null ? AgentTuning.DEFAULT : tuning;
  }

  /** Settings without a model, reasoning effort or extra arguments of their own. */
  public ClaudeSettings(
      List<String> command,
      Map<String, String> env,
      ApprovalPolicy approval,
      List<String> allowedTools) {
    this(command, env, approval, allowedTools, AgentTuning.DEFAULT);
  }

  /**
   * The permission mode a headless run gets. Print mode cannot ask anyone, so a tool call that
   * needs a permission the mode does not grant is denied and reported in the result's {@code
   * permission_denials}; the turn goes on without it. {@code workspace}: claude's {@code
   * acceptEdits}, which accepts file edits in the workspace and the shell commands claude itself
   * counts as file edits (such as {@code printf … > file}); any other tool only when {@code
   * allowed_tools} names it. {@code deny}: nothing beyond {@code allowed_tools}, edits included.
   * {@code accept_all} has no claude mode: the one that skips every check is refused to root and
   * would let the agent run anything, so the configuration refuses it for this kind.
   */
  public static String permissionMode(ApprovalPolicy policy) {
    return switch (policy) {
      case WORKSPACE -> "acceptEdits";
      case DENY -> "default";
      case ACCEPT_ALL -> throw new IllegalArgumentException(ACCEPT_ALL_REFUSED);
    };
  }
}
