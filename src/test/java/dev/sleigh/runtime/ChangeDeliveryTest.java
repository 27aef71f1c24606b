package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.runtime.ChangeDelivery.Meaning;
import dev.sleigh.runtime.ChangeDelivery.OperatorFault;
import dev.sleigh.workspace.DeliveryOutcome.Refusal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeDeliveryTest {
  @Test
  void everyRefusalMeansOneStateToTheRunnerAndOneFaultToTheOperator() {
    Map<Refusal, Meaning> expected = new EnumMap<>(Refusal.class);
    expected.put(Refusal.SCOPE_VIOLATION, new Meaning(null, OperatorFault.CONFLICT));
    expected.put(
        Refusal.EMPTY_DIFF, new Meaning(CommissionState.BLOCKED_POLICY, OperatorFault.CONFLICT));
    expected.put(
        Refusal.INVALID_BRANCH, new Meaning(CommissionState.BLOCKED_POLICY, OperatorFault.USAGE));
    expected.put(
        Refusal.UNSUPPORTED_TARGET,
        new Meaning(CommissionState.BLOCKED_POLICY, OperatorFault.CONFLICT));
    expected.put(
        Refusal.DIRTY_TARGET,
        new Meaning(CommissionState.BLOCKED_CONFLICT, OperatorFault.CONFLICT));
    expected.put(
        Refusal.BRANCH_CONFLICT,
        new Meaning(CommissionState.BLOCKED_CONFLICT, OperatorFault.CONFLICT));
    expected.put(
        Refusal.APPLY_CONFLICT,
        new Meaning(CommissionState.BLOCKED_CONFLICT, OperatorFault.CONFLICT));
    for (Refusal refusal : Refusal.values()) {
      assertThat(ChangeDelivery.meaning(refusal))
          .as(refusal.wire())
          .isEqualTo(expected.get(refusal));
    }
  }

  @Test
  void aTargetConflictIsWhatBlocksTheRunnerOnTheTarget() {
    for (Refusal refusal : Refusal.values()) {
      assertThat(
              ChangeDelivery.meaning(refusal).runnerBlocksIn() == CommissionState.BLOCKED_CONFLICT)
          .as(refusal.wire())
          .isEqualTo(refusal.targetConflict());
    }
  }

  @Test
  void aRefusalReadsAsItsCodeAndMessage() {
    var refused = ChangeDelivery.refused(Refusal.DIRTY_TARGET, "the target has changes");
    assertThat(refused.reason()).isEqualTo("dirty_target: the target has changes");
  }
}
