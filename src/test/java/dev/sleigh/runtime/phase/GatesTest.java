package dev.sleigh.runtime.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Decision;
import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every outcome of the gates of preflight, frame and execute, and of the judge. */
class GatesTest {
  private final StepBench bench = new StepBench();
  private final Commission commission = Fixtures.commission("wc-1");

  @Test
  void preflightPassesAnActiveDecisionAtTheCommissionsRevisionWithinItsValidity() throws Exception {
    assertThat(bench.run(Phase.PREFLIGHT, commission)).isEqualTo(new PhaseResult.Passed());
  }

  @Test
  void preflightReleasesACommissionWhoseValidityHasPassed() throws Exception {
    bench.clock.tick(Duration.ofHours(1));

    assertThat(bench.run(Phase.PREFLIGHT, commission))
        .isEqualTo(new PhaseResult.Released("valid_until passed at " + bench.validUntil));
  }

  @Test
  void preflightBlocksAsStaleADecisionThatIsMissingSupersededDeprecatedOrRevised()
      throws Exception {
    bench.decisions.clear();
    assertThat(bench.run(Phase.PREFLIGHT, commission)).isEqualTo(stale("decision_missing:dec-1"));

    bench.decisions.put("dec-1", StepBench.decision("dec-1", Decision.Status.SUPERSEDED, "rev-1"));
    assertThat(bench.run(Phase.PREFLIGHT, commission))
        .isEqualTo(stale("decision_superseded:dec-1 by dec-2"));

    bench.decisions.put("dec-1", StepBench.decision("dec-1", Decision.Status.DEPRECATED, "rev-1"));
    assertThat(bench.run(Phase.PREFLIGHT, commission))
        .isEqualTo(stale("decision_deprecated:dec-1"));

    bench.decisions.put(
        "dec-1", StepBench.decision("dec-1", Decision.Status.ACTIVE, "abcdef0123456789"));
    assertThat(bench.run(Phase.PREFLIGHT, commission))
        .isEqualTo(stale("decision_revised:dec-1 (commission has rev-1, current is abcdef012345)"));
  }

  @Test
  void preflightChecksOnlyTheGatesItsWorkflowLists() throws Exception {
    bench.decisions.clear();
    bench.clock.tick(Duration.ofHours(2));
    bench.gates.put(Phase.PREFLIGHT, List.of(Gate.COMMISSION_RUNNABLE));

    assertThat(bench.run(Phase.PREFLIGHT, commission)).isEqualTo(new PhaseResult.Passed());
  }

  @Test
  void preflightChecksValidityBeforeTheProblemCardAndTheProblemCardBeforeTheDecision()
      throws Exception {
    bench.decisions.clear();
    bench.gates.put(
        Phase.PREFLIGHT,
        List.of(Gate.DECISION_FRESH, Gate.PROBLEM_CARD_REF_PRESENT, Gate.VALID_UNTIL));

    assertThat(bench.run(Phase.PREFLIGHT, commission)).isEqualTo(problemCardMissing());
    bench.clock.tick(Duration.ofHours(1));
    assertThat(bench.run(Phase.PREFLIGHT, commission)).isInstanceOf(PhaseResult.Released.class);
  }

  @Test
  void frameBlocksACommissionWithoutAProblemCardOnlyWhereItsWorkflowAsks() throws Exception {
    assertThat(bench.run(Phase.FRAME, commission)).isEqualTo(new PhaseResult.Passed());

    bench.gates.put(Phase.FRAME, List.of(Gate.PROBLEM_CARD_REF_PRESENT));
    assertThat(bench.run(Phase.FRAME, commission)).isEqualTo(problemCardMissing());
    assertThat(bench.run(Phase.FRAME, Fixtures.withProblemCard(commission, "card-7")))
        .isEqualTo(new PhaseResult.Passed());
  }

  @Test
  void executeFailsFinallyWhenAChangeLeavesTheScope() throws Exception {
    bench.agent.onTurn = turn -> bench.bench.changed.addAll(List.of("src/ok.txt", "etc/passwd"));

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(
            new PhaseResult.Failed("scope_violation: etc/passwd (not in allowed_paths)", false));
    assertThat(bench.bench.turnsCheckpointed).isEmpty();
  }

  @Test
  void executeFailsFinallyWhenTheAgentChangedNothing() throws Exception {
    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Failed("no_change", false));
  }

  @Test
  void executeLetsAnyChangeThroughWhenItsWorkflowListsNeitherScopeGate() throws Exception {
    bench.gates.put(Phase.EXECUTE, List.of());
    bench.agent.onTurn = turn -> bench.bench.changed.add("etc/passwd");

    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Passed(bench.bench.checkpoint));
  }

  @Test
  void theJudgeRejectsAnAddedLineMatchingAForbiddenPatternWhereTheWorkflowListsIt()
      throws Exception {
    bench.judge = new Safeguards.Judge(List.of(Pattern.compile("TODO")));
    bench.bench.changed.add("src/a.txt");
    bench.bench.patch = "+++ b/src/TODO.txt\n-old TODO\n+new line\n+  a TODO here  \n";
    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Passed(bench.bench.checkpoint));

    bench.gates.put(Phase.EXECUTE, List.of(Gate.SCOPE_CLEAN, Gate.JUDGE));
    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(
            new PhaseResult.Failed(
                "judge_rejected: an added line matches 'TODO': a TODO here", false));

    bench.bench.patch = "+++ b/src/TODO.txt\n+clean\n";
    assertThat(bench.run(Phase.EXECUTE, commission))
        .isEqualTo(new PhaseResult.Passed(bench.bench.checkpoint));
  }

  @Test
  void theJudgeAlsoGuardsMeasure() throws Exception {
    bench.judge = new Safeguards.Judge(List.of(Pattern.compile("secret")));
    bench.bench.patch = "+the secret\n";
    bench.gates.put(Phase.MEASURE, List.of(Gate.JUDGE));

    assertThat(bench.run(Phase.MEASURE, commission))
        .isEqualTo(
            new PhaseResult.Failed(
                "judge_rejected: an added line matches 'secret': the secret", false));
  }

  private static PhaseResult stale(String reason) {
    return new PhaseResult.Blocked(CommissionState.BLOCKED_STALE, reason);
  }

  private static PhaseResult problemCardMissing() {
    return new PhaseResult.Blocked(CommissionState.BLOCKED_POLICY, "problem_card_ref_missing");
  }
}
