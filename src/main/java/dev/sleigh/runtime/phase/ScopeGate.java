package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Commission;
import dev.sleigh.workspace.ScopeCheck;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import java.util.List;
import java.util.Optional;

/**
 * The execute gates on what the workspace shows: every change within scope (after each turn and at
 * phase end) — a violation is the final failure {@code scope_violation} naming the paths, and the
 * diff stays in the workspace for inspection — and, at phase end, a non-empty diff ({@code
 * no_change}, final).
 */
final class ScopeGate {
  private final Workbench bench;
  private final Workspace workspace;
  private final ScopeCheck check;
  private final boolean scopeClean;
  private final boolean nonEmpty;

  /** {@code scopeClean} and {@code nonEmpty}: whether the workflow lists those execute gates. */
  ScopeGate(Workbench bench, Workspace workspace, Commission.Scope scope, Listed listed) {
    this.bench = bench;
    this.workspace = workspace;
    this.check = new ScopeCheck(scope);
    this.scopeClean = listed.scopeClean();
    this.nonEmpty = listed.nonEmptyDiff();
  }

  /** Which of the two gates the workflow lists for execute. */
  record Listed(boolean scopeClean, boolean nonEmptyDiff) {}

  /** {@code scope_clean}, checked after every turn. */
  Optional<PhaseResult> afterTurn() {
    if (!scopeClean) {
      return Optional.empty();
    }
    try {
      return violation(bench.changed(workspace));
    } catch (WorkspaceException e) {
      return Optional.of(new PhaseResult.Failed("workspace: " + e.getMessage(), e.retryable()));
    }
  }

  /**
   * {@code scope_clean} and then {@code non_empty_diff}, at the end of the phase: both on one look
   * at what changed.
   */
  Optional<PhaseResult> atPhaseEnd() {
    if (!scopeClean && !nonEmpty) {
      return Optional.empty();
    }
    try {
      List<String> changed = bench.changed(workspace);
      Optional<PhaseResult> violation = scopeClean ? violation(changed) : Optional.empty();
      if (violation.isPresent()) {
        return violation;
      }
      return nonEmpty && changed.isEmpty()
          ? Optional.of(new PhaseResult.Failed("no_change", false))
          : Optional.empty();
    } catch (WorkspaceException e) {
      return Optional.of(new PhaseResult.Failed("workspace: " + e.getMessage(), e.retryable()));
    }
  }

  private Optional<PhaseResult> violation(List<String> changed) {
    List<String> bad = check.violations(workspace.path(), changed);
    return bad.isEmpty()
        ? Optional.empty()
        : Optional.of(new PhaseResult.Failed("scope_violation: " + String.join(", ", bad), false));
  }
}
