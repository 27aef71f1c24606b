package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.workspace.Workspace;
import java.nio.file.Path;

/**
 * Measure: on exactly the tree execute passed with, between the run hooks, the evidence commands
 * ({@code evidence_passed}) and then the judge.
 */
final class MeasureStep implements PhaseStep {
  private final StepContext ctx;

  MeasureStep(StepContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PhaseResult run(PhaseAttempt at) throws InterruptedException {
    Path log = ctx.settings().logFile(at, "");
    return switch (ctx.workspaces().prepare(true, log)) {
      case WorkspaceReady.Readiness.NotReady no -> no.result();
      case WorkspaceReady.Readiness.Ready ready -> measure(at, ready.workspace(), log);
    };
  }

  private PhaseResult measure(PhaseAttempt at, Workspace ws, Path log) throws InterruptedException {
    PhaseResult result =
        ctx.hooks()
            .around(
                ws.path(),
                log,
                () ->
                    new StepHooks.Work.Ran(
                        ctx.listed(Phase.MEASURE, Gate.EVIDENCE_PASSED)
                            ? evidence().run(ws.path(), at)
                            : new PhaseResult.Passed()),
                GateCheck.OPEN);
    return StepContext.judged(ctx.judge(Phase.MEASURE, ws), result, passed -> passed);
  }

  private EvidenceChecks evidence() {
    return new EvidenceChecks(
        ctx.shell(), ctx.ports().journal(), ctx.settings().clock(), ctx.settings());
  }
}
