package dev.sleigh.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an agent's own requests for approval are answered while nobody watches ({@code
 * agent.approval_policy}).
 */
public enum ApprovalPolicy {
  /** Accept, for the rest of the session. */
  AUTO,
  /** Decline; the agent goes on without what it asked for. */
  DENY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ApprovalPolicy> fromWire(String text) {
    return Arrays.stream(values()).filter(p -> p.wire().equals(text)).findFirst();
  }
}
