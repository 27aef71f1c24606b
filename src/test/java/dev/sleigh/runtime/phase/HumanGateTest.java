package dev.sleigh.runtime.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** When a passed phase waits for a human, and what an approval of it does. */
class HumanGateTest {
  private final StepBench bench = new StepBench();
  private final Commission commission = Fixtures.commission("wc-1");

  @Test
  void aPhaseWhoseWorkflowListsHumanApprovalWaitsOnceItPassed() throws Exception {
    bench.gates.put(Phase.FRAME, List.of(Gate.HUMAN_APPROVAL));

    assertThat(bench.run(Phase.FRAME, commission))
        .isEqualTo(
            new PhaseResult.AwaitHuman(
                "human_approval: approve frame with 'sleigh approve wc-1' or reject it"));
  }

  @Test
  void aPhaseNamedInTheHumanGateSettingsWaitsToo() throws Exception {
    bench.human = new Safeguards.HumanGate(Set.of(Phase.MEASURE), null, hours(1), hours(2));

    assertThat(bench.run(Phase.MEASURE, commission)).isInstanceOf(PhaseResult.AwaitHuman.class);
    assertThat(bench.run(Phase.FRAME, commission)).isEqualTo(new PhaseResult.Passed());
  }

  @Test
  void anExecuteOnAProtectedBranchWaits() throws Exception {
    bench.human =
        new Safeguards.HumanGate(Set.of(), Pattern.compile("main|release/.*"), hours(1), hours(2));
    bench.bench.changed.add("src/a.txt");

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(
            new PhaseResult.AwaitHuman(
                "human_approval: approve execute with 'sleigh approve wc-1' or reject it"));
  }

  @Test
  void anExecuteBehindAOneWayDoorWaitsAndSaysSo() throws Exception {
    bench.bench.changed.add("src/a.txt");
    Commission door =
        Fixtures.withAutonomy(
            commission,
            new Commission.Autonomy(
                5, 1_000_000, hours(1), Commission.OneWayDoor.REQUIRE_APPROVAL));

    assertThat(bench.run(Phase.EXECUTE, door))
        .isEqualTo(
            new PhaseResult.AwaitHuman(
                "one_way_door: approve execute with 'sleigh approve wc-1' or reject it"));
  }

  @Test
  void aPhaseThatDidNotPassNeverWaitsForAHuman() throws Exception {
    bench.gates.put(Phase.FRAME, List.of(Gate.PROBLEM_CARD_REF_PRESENT, Gate.HUMAN_APPROVAL));

    assertThat(bench.run(Phase.FRAME, commission)).isInstanceOf(PhaseResult.Blocked.class);
  }

  @Test
  void anApprovalOfThisGenerationMeetsTheGate() throws Exception {
    bench.gates.put(Phase.FRAME, List.of(Gate.HUMAN_APPROVAL));
    bench.approved = Set.of(Phase.FRAME);

    assertThat(bench.run(Phase.FRAME, commission)).isEqualTo(new PhaseResult.Passed());
  }

  @Test
  void anApprovedExecuteIsOnlyReCheckedNotDoneAgain() throws Exception {
    bench.gates.put(Phase.EXECUTE, List.of(Gate.SCOPE_CLEAN, Gate.HUMAN_APPROVAL));
    bench.hook(Safeguards.HookPoint.BEFORE_RUN, "make lint", Safeguards.HookPolicy.BLOCKING);
    bench.approved = Set.of(Phase.EXECUTE);
    bench.bench.changed.add("src/a.txt");

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Passed(bench.bench.checkpoint));
    assertThat(bench.agent.started).isEmpty();
    assertThat(bench.shell.ran).isEmpty();

    bench.bench.changed.add("etc/hosts");
    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(
            new PhaseResult.Failed("scope_violation: etc/hosts (not in allowed_paths)", false));
  }

  private static Duration hours(int n) {
    return Duration.ofHours(n);
  }
}
