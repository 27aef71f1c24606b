package dev.sleigh.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an agent's own requests for approval are answered while nobody watches ({@code
 * agent.approval_policy}). Every request and its answer is recorded ({@code agent_approval}).
 */
public enum ApprovalPolicy {
  /**
   * The default: accept what stays inside the workspace (a file change whose every path is in it),
   * decline every request to act outside the sandbox: commands run without it, writes outside the
   * workspace, network, more permissions.
   */
  WORKSPACE,
  /** Accept every request, for the rest of the session; the agent may leave its sandbox. */
  ACCEPT_ALL,
  /** Decline every request; the agent goes on without what it asked for. */
  DENY;

  /** The value that {@code accept_all} was called before it said what it does. */
  public static final String FORMER_ACCEPT_ALL = "auto";

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ApprovalPolicy> fromWire(String text) {
    return Arrays.stream(values()).filter(p -> p.wire().equals(text)).findFirst();
  }
}
