package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Safeguards;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule-based judge, a semantic check of the change: the added lines of its patch must match
 * none of {@code gates.judge.forbidden_patterns}. An agent-backed judge asked for a JSON verdict
 * would fit the same shape.
 */
record JudgeGate(Safeguards.Judge rules) {
  /** Empty when the change is acceptable, else the final failure naming what was found. */
  Optional<PhaseResult> judge(String patch) {
    for (String line : patch.lines().toList()) {
      if (!line.startsWith("+") || line.startsWith("+++")) {
        continue;
      }
      for (Pattern p : rules.forbiddenPatterns()) {
        if (p.matcher(line.substring(1)).find()) {
          return Optional.of(
              new PhaseResult.Failed(
                  "judge_rejected: an added line matches '"
                      + p.pattern()
                      + "': "
                      + line.substring(1).strip(),
                  false));
        }
      }
    }
    return Optional.empty();
  }
}
