package dev.sleigh.agent.codex;

import java.util.Locale;
import java.util.Optional;

/** How the requests codex makes while a turn runs are answered ({@code agent.approval_policy}). */
public enum ApprovalPolicy {
  /** Approvals and permissions are accepted for the rest of the session. */
  AUTO,
  /** Approvals and permissions are declined; the agent goes on without them. */
  DENY;

  /** The policy as operators write it ({@code auto}, {@code deny}). */
  public static Optional<ApprovalPolicy> fromWire(String text) {
    for (ApprovalPolicy p : values()) {
      if (p.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
