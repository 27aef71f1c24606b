package dev.sleigh.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Phase;
import java.time.Instant;
import java.util.List;

/** Where one commission stands: {@code commission show --json} and each item of {@code list}. */
public record CommissionView(
    String id,
    String title,
    String state,
    String phase,
    int attempt,
    int generation,
    long epoch,
    LeaseView lease,
    Instant retryAt,
    String reason,
    String snapshotHash,
    Instant validUntil,
    Instant createdAt,
    Instant updatedAt,
    DecisionRefView decision,
    int priority,
    List<String> dependsOn,
    List<String> locks) {

  public static CommissionView of(CommissionRecord r) {
    var spec = r.spec();
    return new CommissionView(
        r.id(),
        spec.title(),
        r.state().wire(),
        r.phase() == null ? null : r.phase().wire(),
        r.attempt(),
        r.generation(),
        r.lease().epoch(),
        LeaseView.of(r.lease()),
        r.retryAt(),
        r.reason(),
        r.snapshotHash(),
        r.validUntil(),
        r.createdAt(),
        r.updatedAt(),
        new DecisionRefView(spec.decision().id(), spec.decision().revision()),
        spec.priority(),
        spec.dependsOn(),
        spec.scope().locks());
  }

  /** The phase and attempt as one word, e.g. {@code execute#2}; {@code -} before any phase. */
  @JsonIgnore
  public String progress() {
    return phase == null ? "-" : phase + "#" + attempt;
  }

  /** The decision revision a commission executes. */
  public record DecisionRefView(String id, String revision) {}

  /** {@code commission list --json}. */
  public record Listing(List<CommissionView> commissions) {}

  /**
   * {@code GET /api/v1/commissions}: the listing's {@code commissions}, one page of them, plus
   * where the page sits: {@code total} matching commissions, this page's {@code offset} and {@code
   * limit}, and the {@code nextOffset} to ask for next (null on the last page).
   */
  public record Page(
      List<CommissionView> commissions, int total, int offset, int limit, Integer nextOffset) {
    public Page {
      commissions = List.copyOf(commissions);
    }
  }

  static String wire(Phase phase) {
    return phase == null ? null : phase.wire();
  }
}
