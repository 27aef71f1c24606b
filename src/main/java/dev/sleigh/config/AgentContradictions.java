package dev.sleigh.config;

import dev.sleigh.domain.AgentTuning;
import java.util.Map;

/**
 * Two settings of the same thing that disagree are a configuration error naming both keys, rather
 * than one of them silently winning where the agent reads them. The agent settings pick the check
 * for their kind and pass the values it compares.
 */
final class AgentContradictions {
  private AgentContradictions() {}

  /**
   * Refuses {@code agent.model} and {@code agent.reasoning_effort} against the codex overrides
   * {@code model} and {@code model_reasoning_effort} in {@code codexConfig} when they disagree.
   */
  static void refuseForCodex(AgentTuning tuning, Map<String, String> codexConfig) {
    same("agent.model", tuning.model(), "agent.codex.config.model", codexConfig.get("model"));
    same(
        "agent.reasoning_effort",
        tuning.reasoningEffort(),
        "agent.codex.config.model_reasoning_effort",
        codexConfig.get("model_reasoning_effort"));
  }

  /** Refuses claude flags in {@code agent.extra_args} that Sleigh sets itself. */
  static void refuseForClaude(AgentTuning tuning) {
    Map<String, String> ours =
        Map.of(
            "--model", "agent.model",
            "--effort", "agent.reasoning_effort",
            "--permission-mode", "agent.approval_policy");
    ours.forEach(
        (flag, key) ->
            require(
                !tuning.extraArgs().contains(flag),
                "agent.extra_args: " + flag + " is set by Sleigh from " + key + "; set that key"));
  }

  private static void same(String key, String value, String otherKey, String other) {
    require(
        value == null || other == null || value.equals(other),
        key
            + ": "
            + value
            + " contradicts "
            + otherKey
            + " ("
            + other
            + "); set it once, in "
            + key);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
