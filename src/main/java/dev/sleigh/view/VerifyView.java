package dev.sleigh.view;

import dev.sleigh.store.CommissionStore.VerifyProblem;
import dev.sleigh.store.IntegrityReport;
import java.util.List;

/**
 * The audit of the store: every row checked against the events that explain it, and the database's
 * own integrity check. {@code ok} only when both found nothing.
 */
public record VerifyView(
    boolean ok, int commissionsChecked, List<ProblemView> problems, IntegrityView integrity) {

  public static VerifyView of(
      int checked, List<VerifyProblem> problems, IntegrityReport integrity) {
    return new VerifyView(
        problems.isEmpty() && integrity.ok(),
        checked,
        problems.stream().map(p -> new ProblemView(p.commissionId(), p.problem())).toList(),
        IntegrityView.of(integrity));
  }

  /** One disagreement between a row and its events. */
  public record ProblemView(String commissionId, String problem) {}

  /**
   * The database's check: which one ran, whether it could run at all, what it found, and a note on
   * what it left out.
   */
  public record IntegrityView(
      String method, boolean checked, boolean ok, List<String> problems, String note) {
    static IntegrityView of(IntegrityReport r) {
      return new IntegrityView(r.method(), r.checked(), r.ok(), r.problems(), r.note());
    }
  }
}
