package dev.sleigh.agent;

/**
 * The releases of the agent programs Sleigh's integration tests run against, in one place so that
 * the tests, {@code sleigh doctor} and {@code ./scripts/check-agent-versions} agree. The tests
 * install exactly these (a test run may override them with the system properties {@code
 * sleigh.it.codex.version} and {@code sleigh.it.claude.version}); raising one is a change to this
 * class after {@code ./scripts/check-agent-versions} passed, and for codex a fresh copy of its
 * schema under {@code src/test/resources/dev/sleigh/agent/codex/schema}.
 */
public final class TestedVersions {
  /** The npm package {@code @openai/codex}; its program prints {@code codex-cli 0.169.0}. */
  public static final String CODEX = "0.169.0";

  /** The npm package {@code @anthropic-ai/claude-code}; it prints {@code 2.1.331 (Claude Code)}. */
  public static final String CLAUDE = "2.1.331";

  private TestedVersions() {}
}
