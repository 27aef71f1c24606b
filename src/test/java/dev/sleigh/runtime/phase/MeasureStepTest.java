package dev.sleigh.runtime.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.workspace.BaseCommitMissingException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Measure: the evidence commands, what is recorded of each, and a workspace that is not ready. */
class MeasureStepTest {
  private final StepBench bench = new StepBench();
  private final Commission commission =
      Fixtures.withEvidence(
          Fixtures.commission("wc-1"),
          new Commission.Evidence("tests", "make test", Duration.ofMinutes(2)),
          new Commission.Evidence("lint", "make lint", null));

  @Test
  void measurePassesWhenEveryEvidenceCommandPassesAndRecordsEach() throws Exception {
    assertThat(bench.run(Phase.MEASURE, commission)).isEqualTo(new PhaseResult.Passed());

    assertThat(bench.journal.evidence).containsOnlyKeys("tests", "lint");
    assertThat(bench.journal.evidence.get("tests"))
        .containsEntry("command", "make test")
        .containsEntry("exit_code", 0)
        .containsEntry("passed", true)
        .containsEntry("output_tail", "out 0")
        .containsEntry("duration_ms", 0L);
    assertThat(bench.shell.ran.getFirst().timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(bench.shell.ran.getFirst().log().toString())
        .isEqualTo("/nowhere/logs/wc-1/measure-1-tests.log");
  }

  @Test
  void theFirstFailingEvidenceFailsMeasureRetryablyAndTheRestDoNotRun() throws Exception {
    bench.shell.answer("make test", ScriptedShell.exit(1));

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Failed("evidence_failed:tests", true));
    assertThat(bench.shell.texts()).containsExactly("make test");
    assertThat(bench.journal.evidence.get("tests")).containsEntry("passed", false);
  }

  @Test
  void evidenceEndedByACancelIsRecordedAsNothing() throws Exception {
    bench.shell.answer("make test", ScriptedShell.cancelled());

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Stopped("cancelled during evidence tests"));
    assertThat(bench.journal.evidence).isEmpty();
  }

  @Test
  void noEvidenceRunsOnceTheLeaseIsLost() throws Exception {
    bench.journal.leaseHeld = false;

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Stopped("lease lost"));
    assertThat(bench.shell.ran).isEmpty();
  }

  @Test
  void aWorkflowThatDoesNotListEvidencePassedRunsNoEvidence() throws Exception {
    bench.gates.put(Phase.MEASURE, List.of());

    assertThat(bench.run(Phase.MEASURE, commission)).isEqualTo(new PhaseResult.Passed());
    assertThat(bench.shell.ran).isEmpty();
  }

  @Test
  void aWorkspaceThatCannotBeMadeFailsTheAttemptUnlessTheRunWasCancelled() throws Exception {
    bench.bench.failing("disk full", true);

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Failed("workspace: disk full", true));

    bench.cancellation.cancel();
    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(new PhaseResult.Stopped("disk full"));
  }

  @Test
  void workThatStandsOnACommitThisHostLacksIsBlocked() throws Exception {
    bench.bench.notReady = new BaseCommitMissingException("abc123", "/repo");

    assertThat(bench.run(Phase.MEASURE, commission))
        .isInstanceOfSatisfying(
            PhaseResult.Blocked.class,
            b ->
                assertThat(b.reason())
                    .startsWith("checkpoint_base_missing: the work stands on commit abc123"));
  }
}
