package dev.sleigh.config;

import java.util.List;

/** The names a prompt template may use, kept apart so the template check can see them. */
final class PromptVariables {
  static final List<String> NAMES =
      List.of(
          "commission.id",
          "commission.title",
          "commission.body",
          "attempt",
          "turn",
          "max_turns",
          "phase",
          "scope.allowed_paths",
          "scope.forbidden_paths",
          "decision.id",
          "decision.revision");

  private PromptVariables() {}

  /** The message for a variable no turn provides. */
  static String unknown(String name) {
    return "unknown variable {{" + name + "}}; known: " + String.join(", ", NAMES);
  }
}
