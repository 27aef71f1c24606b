package dev.sleigh.runtime;

import dev.sleigh.domain.Commission;
import dev.sleigh.workspace.ScopeCheck;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.util.List;

/**
 * The execute gates on what the workspace shows: every change within scope (after each turn and at
 * phase end) — a violation is the final failure {@code scope_violation} naming the paths, and the
 * diff stays in the workspace for inspection — and, at phase end, a non-empty diff ({@code
 * no_change}, final).
 */
final class ScopeGate {
  private final Workspaces workspaces;
  private final Workspace workspace;
  private final ScopeCheck check;
  private final boolean scopeClean;
  private final boolean nonEmpty;

  /** {@code scopeClean} and {@code nonEmpty}: whether the workflow lists those execute gates. */
  ScopeGate(
      Workspaces workspaces,
      Workspace workspace,
      Commission.Scope scope,
      boolean scopeClean,
      boolean nonEmpty) {
    this.workspaces = workspaces;
    this.workspace = workspace;
    this.check = new ScopeCheck(scope);
    this.scopeClean = scopeClean;
    this.nonEmpty = nonEmpty;
  }

  /** Null while every change is within scope. */
  PhaseResult afterTurn() {
    if (!scopeClean) {
      return null;
    }
    try {
      List<String> bad = check.violations(workspace.path(), workspaces.changedSince(workspace));
      return bad.isEmpty()
          ? null
          : new PhaseResult.Failed("scope_violation: " + String.join(", ", bad), false);
    } catch (WorkspaceException e) {
      return new PhaseResult.Failed("workspace: " + e.getMessage(), e.retryable());
    }
  }

  PhaseResult atPhaseEnd() {
    PhaseResult violation = afterTurn();
    if (violation != null) {
      return violation;
    }
    try {
      return nonEmpty && workspaces.changedSince(workspace).isEmpty()
          ? new PhaseResult.Failed("no_change", false)
          : new PhaseResult.Passed();
    } catch (WorkspaceException e) {
      return new PhaseResult.Failed("workspace: " + e.getMessage(), e.retryable());
    }
  }
}
