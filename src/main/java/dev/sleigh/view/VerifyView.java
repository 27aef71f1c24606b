package dev.sleigh.view;

import dev.sleigh.store.CommissionStore.VerifyProblem;
import java.util.List;

/** The audit of the event log: every row checked against the events that explain it. */
public record VerifyView(boolean ok, int commissionsChecked, List<ProblemView> problems) {

  public static VerifyView of(int checked, List<VerifyProblem> problems) {
    return new VerifyView(
        problems.isEmpty(),
        checked,
        problems.stream().map(p -> new ProblemView(p.commissionId(), p.problem())).toList());
  }

  /** One disagreement between a row and its events. */
  public record ProblemView(String commissionId, String problem) {}
}
