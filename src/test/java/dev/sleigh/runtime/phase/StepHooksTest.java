package dev.sleigh.runtime.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards.HookPoint;
import dev.sleigh.domain.Safeguards.HookPolicy;
import dev.sleigh.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hooks around a step: their policies, their order, and what a cancel or lost lease does. */
class StepHooksTest {
  private final StepBench bench = new StepBench();
  private final Commission commission = Fixtures.commission("wc-1");

  StepHooksTest() {
    bench.bench.changed.add("src/a.txt");
  }

  @Test
  void aBlockingHookThatFailsFailsTheAttemptRetryablyAndTheWorkDoesNotRun() throws Exception {
    bench.hook(HookPoint.BEFORE_RUN, "lint", HookPolicy.BLOCKING);
    bench.shell.answer("lint", ScriptedShell.exit(3));

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Failed("hook_failed:before_run (exit 3)", true));
    assertThat(bench.agent.started).isEmpty();
    assertThat(bench.journal.hooks)
        .containsExactly(
            Map.of("hook", "before_run", "exit_code", 3, "timed_out", false, "passed", false));
  }

  @Test
  void aHookThatOutlivesItsTimeoutSaysSo() throws Exception {
    bench.hook(HookPoint.BEFORE_RUN, "slow", HookPolicy.BLOCKING);
    bench.shell.answer("slow", ScriptedShell.timedOut());

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Failed("hook_failed:before_run (timed out after PT1M)", true));
  }

  @Test
  void aWarningHookThatFailsOnlyWarns() throws Exception {
    bench.hook(HookPoint.BEFORE_RUN, "lint", HookPolicy.WARNING);
    bench.hook(HookPoint.AFTER_RUN, "report", HookPolicy.WARNING);
    bench.shell.answer("lint", ScriptedShell.exit(1)).answer("report", ScriptedShell.timedOut());

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Passed(bench.bench.checkpoint));
    assertThat(bench.agent.turns).hasSize(1);
  }

  @Test
  void hooksRunInTheWorkspaceWithTheRunsTagsBeforeAndAfterTheWork() throws Exception {
    bench.hook(HookPoint.BEFORE_RUN, "before", HookPolicy.BLOCKING);
    bench.hook(HookPoint.AFTER_RUN, "after", HookPolicy.BLOCKING);
    bench.agent.onTurn = turn -> assertThat(bench.shell.texts()).containsExactly("before");

    bench.run(Phase.EXECUTE, commission);

    assertThat(bench.shell.texts()).containsExactly("before", "after");
    assertThat(bench.shell.ran.getFirst().cwd()).isEqualTo(bench.bench.ready(false).path());
    assertThat(bench.shell.ran.getFirst().env()).containsEntry("SLEIGH_RUN_ID", "run-1");
  }

  @Test
  void aFailedAfterRunHookFailsWorkThatPassed() throws Exception {
    bench.hook(HookPoint.AFTER_RUN, "after", HookPolicy.BLOCKING);
    bench.shell.answer("after", ScriptedShell.exit(2));

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Failed("hook_failed:after_run (exit 2)", true));
  }

  @Test
  void theWorksOwnFailureAndAnEndGateComeBeforeAFailedAfterRunHook() throws Exception {
    bench.hook(HookPoint.AFTER_RUN, "after", HookPolicy.BLOCKING);
    bench.shell.answer("after", ScriptedShell.exit(2)).answer("after", ScriptedShell.exit(2));
    bench.agent.then(new TurnOutcome.Failed("agent_crashed", true));

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Failed("agent_crashed", true));

    bench.bench.changed.clear();
    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Failed("no_change", false));
    assertThat(bench.shell.texts()).containsExactly("after", "after");
  }

  @Test
  void workThatNeverStartedIsNotFollowedByTheAfterRunHook() throws Exception {
    bench.hook(HookPoint.AFTER_RUN, "after", HookPolicy.BLOCKING);
    bench.agent.launchFailure = new AgentLaunchException("no such agent");

    assertThat(bench.run(Phase.EXECUTE, commission)).isInstanceOf(PhaseResult.Failed.class);
    assertThat(bench.shell.ran).isEmpty();
  }

  @Test
  void aHookEndedByACancelStopsTheAttempt() throws Exception {
    bench.hook(HookPoint.BEFORE_RUN, "lint", HookPolicy.WARNING);
    bench.shell.answer("lint", ScriptedShell.cancelled());

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Stopped("cancelled during the before_run hook"));
  }

  @Test
  void noHookStartsOnceTheLeaseIsLost() throws Exception {
    bench.hook(HookPoint.BEFORE_RUN, "lint", HookPolicy.BLOCKING);
    bench.journal.leaseHeld = false;

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Stopped("lease lost before the before_run hook"));
    assertThat(bench.shell.ran).isEmpty();
  }

  @Test
  void theAfterCreateHookRunsOnlyForANewWorkspaceAndAFailureRemovesIt() throws Exception {
    bench.hook(HookPoint.AFTER_CREATE, "setup", HookPolicy.BLOCKING);
    bench.run(Phase.MEASURE, commission);
    assertThat(bench.shell.ran).isEmpty();

    bench.bench.created = true;
    bench.shell.answer("setup", ScriptedShell.exit(1));
    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Failed("workspace: hook_failed:after_create (exit 1)", true));
    assertThat(bench.bench.removed).isTrue();
  }

  @Test
  void anAfterCreateHookStoppedByALostLeaseLeavesTheWorkspaceToTheNewHolder() throws Exception {
    bench.hook(HookPoint.AFTER_CREATE, "setup", HookPolicy.BLOCKING);
    bench.bench.created = true;
    bench.journal.leaseHeld = false;

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Stopped("lease lost before the after_create hook"));
    assertThat(bench.bench.removed).isFalse();
  }

  @Test
  void anAfterCreateHookStoppedByACancelRemovesTheWorkspace() throws Exception {
    bench.hook(HookPoint.AFTER_CREATE, "setup", HookPolicy.BLOCKING);
    bench.bench.created = true;
    bench.shell.answer("setup", ScriptedShell.cancelled());
    bench.cancellation.cancel();

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Stopped("cancelled during the after_create hook"));
    assertThat(bench.bench.removed).isTrue();
  }

  @Test
  void gcsBeforeRemoveHookSaysWhyAWorkspaceStays() throws Exception {
    bench.hook(HookPoint.BEFORE_REMOVE, "keep", HookPolicy.BLOCKING);
    bench.shell.answer("keep", ScriptedShell.exit(1));
    StepHooks hooks = new StepHooks(bench.hooks, bench.shell, PhaseJournal.NONE);

    assertThat(hooks.beforeRemove(Path.of("/ws"), Path.of("/log")))
        .contains("hook_failed:before_remove (exit 1)");
    assertThat(hooks.beforeRemove(Path.of("/ws"), Path.of("/log"))).isEmpty();
    assertThat(bench.shell.ran).extracting(ShellCommand.Script::env).containsOnly(Map.of());
    assertThat(List.of(bench.journal.hooks)).containsExactly(List.of());
  }
}
