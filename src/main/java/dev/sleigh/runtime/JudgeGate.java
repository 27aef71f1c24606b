package dev.sleigh.runtime;

import dev.sleigh.domain.Safeguards;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.Git;
import dev.sleigh.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A semantic check of the change. {@link Rules} is the offline implementation: the added lines of
 * the diff must match none of {@code gates.judge.forbidden_patterns}. An agent-backed judge asked
 * for a JSON verdict fits the same interface.
 */
interface JudgeGate {
  /** Null when the change is acceptable, else the final failure naming what was found. */
  PhaseResult judge(Workspace workspace);

  /** The rule-based judge over the added lines of the workspace's diff. */
  record Rules(Safeguards.Judge rules) implements JudgeGate {
    @Override
    public PhaseResult judge(Workspace workspace) {
      Diffs diffs = new Diffs(new Git());
      String patch = new String(diffs.patch(diffs.snapshot(workspace)), StandardCharsets.UTF_8);
      for (String line : patch.lines().toList()) {
        if (!line.startsWith("+") || line.startsWith("+++")) {
          continue;
        }
        for (Pattern p : rules.forbiddenPatterns()) {
          if (p.matcher(line.substring(1)).find()) {
            return new PhaseResult.Failed(
                "judge_rejected: an added line matches '"
                    + p.pattern()
                    + "': "
                    + line.substring(1).strip(),
                false);
          }
        }
      }
      return null;
    }
  }
}
