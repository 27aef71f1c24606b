package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.workspace.Workspace;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What every step of one run shares: its settings, ports, hooks, workspace and human gate. */
record StepContext(
    StepSettings settings, StepPorts ports, Shell shell, StepHooks hooks, HumanGate human) {

  boolean listed(Phase phase, Gate gate) {
    return settings.safeguards().has(phase, gate);
  }

  WorkspaceReady workspaces() {
    return new WorkspaceReady(ports.bench(), hooks, ports.journal(), ports.cancellation());
  }

  /** {@code judge}, where the workflow lists it for {@code phase}. */
  GateCheck judge(Phase phase, Workspace ws) {
    return GateCheck.where(
        listed(phase, Gate.JUDGE),
        () -> new JudgeGate(settings.safeguards().judge()).judge(ports.bench().patch(ws)));
  }

  /** The judge's verdict on a step that passed; the pass itself when it finds nothing. */
  static PhaseResult judged(GateCheck judge, PhaseResult result, UnaryOperator<PhaseResult> then) {
    if (!(result instanceof PhaseResult.Passed)) {
      return result;
    }
    Optional<PhaseResult> verdict = judge.check();
    return verdict.orElseGet(() -> then.apply(result));
  }
}
