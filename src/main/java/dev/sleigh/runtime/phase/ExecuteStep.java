package dev.sleigh.runtime.phase;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.ToolServer;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Execute: the agent's turns in the workspace, between the run hooks, each turn followed by the
 * scope gate and a checkpoint; at the end the scope and non-empty-diff gates, the judge, and the
 * workspace taken as the checkpoint execute passes with. A change a human already approved is not
 * made again, only re-checked.
 */
final class ExecuteStep implements PhaseStep {
  private final StepContext ctx;

  ExecuteStep(StepContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PhaseResult run(PhaseAttempt at) throws InterruptedException {
    Path log = ctx.settings().logFile(at, "");
    return switch (ctx.workspaces().prepare(false, log)) {
      case WorkspaceReady.Readiness.NotReady no -> no.result();
      case WorkspaceReady.Readiness.Ready ready -> execute(at, ready.workspace(), log);
    };
  }

  private PhaseResult execute(PhaseAttempt at, Workspace ws, Path log) throws InterruptedException {
    Workbench bench = ctx.ports().bench();
    ScopeGate scope =
        new ScopeGate(
            bench,
            ws,
            at.record().spec().scope(),
            new ScopeGate.Listed(
                ctx.listed(Phase.EXECUTE, Gate.SCOPE_CLEAN),
                ctx.listed(Phase.EXECUTE, Gate.NON_EMPTY_DIFF)));
    if (ctx.human().approved(Phase.EXECUTE)) {
      return scope.atPhaseEnd().orElseGet(() -> bench.passed(ws));
    }
    PhaseResult result =
        ctx.hooks().around(ws.path(), log, () -> agent(at, ws, scope, log), scope::atPhaseEnd);
    return StepContext.judged(ctx.judge(Phase.EXECUTE, ws), result, passed -> bench.passed(ws));
  }

  /** The session's tool server, working in {@code ws}; null when agents are given none. */
  private ToolServer toolServer(Workspace ws) {
    List<String> command = ctx.settings().toolCommand();
    if (command.isEmpty()) {
      return null;
    }
    List<String> argv = new ArrayList<>(command);
    argv.addAll(List.of("--workspace", ws.path().toAbsolutePath().toString()));
    // The run's tags, so that what the server starts (evidence commands) is this run's too.
    return new ToolServer(ToolServer.NAME, argv, ctx.ports().journal().tagged(Map.of()));
  }

  /** The agent's session, from its start to its last turn; its facts are recorded as evidence. */
  private StepHooks.Work agent(PhaseAttempt at, Workspace ws, ScopeGate scope, Path log)
      throws InterruptedException {
    PhaseJournal journal = ctx.ports().journal();
    // The lease is checked (and extended) right before an agent starts: a runner that was paused
    // past its lease must not start work in a workspace that is now another runner's.
    if (!journal.confirmLease()) {
      return new StepHooks.Work.NotStarted(
          new PhaseResult.Stopped("lease lost before the agent started"));
    }
    Commission c = at.record().spec();
    AgentTurns turns =
        new AgentTurns(
            c,
            ctx.settings().prompts(),
            ctx.settings().clock(),
            new AgentTurns.Hooks(
                journal,
                ctx.ports().agentStarted(),
                turn ->
                    scope
                        .afterTurn()
                        .or(() -> ctx.ports().bench().afterTurn(ws, at.attempt(), turn))));
    SessionSpec spec =
        new SessionSpec(
            c,
            Phase.EXECUTE,
            at.attempt(),
            ws.path(),
            log,
            journal.tagged(ctx.settings().agentEnv()),
            ctx.settings().timeouts(),
            toolServer(ws));
    Cancellation cancellation = ctx.ports().cancellation();
    try (AgentSession started = ctx.ports().agent().start(spec)) {
      cancellation.open(started);
      if (cancellation.isCancelled() || journal.isLost()) {
        started.cancel();
        return new StepHooks.Work.NotStarted(
            new PhaseResult.Stopped("cancelled before the first turn"));
      }
      return new StepHooks.Work.Ran(turns.run(started, at.attempt()));
    } catch (AgentLaunchException e) {
      return new StepHooks.Work.NotStarted(new PhaseResult.Failed(e.reason(), e.retryable()));
    } finally {
      cancellation.open(null);
      journal.agentSession(at, turns.facts());
    }
  }
}
