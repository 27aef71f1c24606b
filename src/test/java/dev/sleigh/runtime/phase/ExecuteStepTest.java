package dev.sleigh.runtime.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.testkit.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Execute with an agent held in memory: its turns, checkpoints, budget and what stops it. */
class ExecuteStepTest {
  private final StepBench bench = new StepBench();
  private final Commission commission = Fixtures.commission("wc-1");

  ExecuteStepTest() {
    bench.bench.changed.add("src/a.txt");
  }

  @Test
  void anAgentThatFinishesPassesExecuteWithTheWorkspaceAsItsCheckpoint() throws Exception {
    bench.agent.then(MemoryAgent.notDone()).then(MemoryAgent.done());

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Passed(bench.bench.checkpoint));

    assertThat(bench.bench.turnsCheckpointed).containsExactly(1, 2);
    assertThat(bench.agent.started.getFirst().logFile().toString())
        .isEqualTo("/nowhere/logs/wc-1/execute-1.log");
    assertThat(bench.agent.started.getFirst().env()).containsEntry("SLEIGH_RUN_ID", "run-1");
    assertThat(bench.agent.closed).isTrue();
    assertThat(bench.journal.sessions)
        .singleElement()
        .satisfies(
            facts -> {
              assertThat(facts).containsEntry("turns", 2).containsEntry("ended", "completed");
            });
  }

  @Test
  void anAgentThatFailsFailsTheAttemptAsItSays() throws Exception {
    bench.agent.then(new TurnOutcome.Failed("agent_exited: 2", true));

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Failed("agent_exited: 2", true));
  }

  @Test
  void anAgentOverItsWallClockBudgetFailsFinally() throws Exception {
    bench.agent.onTurn = turn -> bench.clock.tick(Duration.ofHours(2));
    bench.agent.then(MemoryAgent.notDone());

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isInstanceOfSatisfying(
            PhaseResult.Failed.class,
            f -> {
              assertThat(f.reason()).startsWith("budget_exhausted: wall clock over");
              assertThat(f.retryable()).isFalse();
            });
  }

  @Test
  void anAgentThatCannotBeLaunchedFailsTheAttemptAndItsSessionIsStillRecorded() throws Exception {
    bench.agent.launchFailure = new AgentLaunchException("no such program");

    assertThat(bench.run(Phase.EXECUTE, commission)).isInstanceOf(PhaseResult.Failed.class);
    assertThat(bench.journal.sessions)
        .singleElement()
        .satisfies(f -> assertThat(f).containsEntry("turns", 0));
  }

  @Test
  void noAgentStartsOnceTheLeaseIsLost() throws Exception {
    bench.journal.leaseHeld = false;

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Stopped("lease lost before the agent started"));
    assertThat(bench.agent.started).isEmpty();
    assertThat(bench.journal.sessions).isEmpty();
  }

  @Test
  void aRunCancelledWhileTheAgentStartedStopsItBeforeItsFirstTurn() throws Exception {
    bench.cancellation.cancel();

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Stopped("cancelled before the first turn"));
    assertThat(bench.agent.cancelled).isTrue();
    assertThat(bench.agent.turns).isEmpty();
  }

  @Test
  void aCancelDuringATurnReachesTheOpenSession() throws Exception {
    bench.agent.onTurn = turn -> bench.cancellation.cancel();
    bench.agent.then(new TurnOutcome.Cancelled());

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Stopped("cancelled"));
    assertThat(bench.agent.cancelled).isTrue();
  }
}
