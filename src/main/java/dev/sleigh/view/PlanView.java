package dev.sleigh.view;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Plans;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code plan show --json}: a plan's revision applied last and each entry's commission now. */
public record PlanView(
    String id,
    String revision,
    String source,
    Instant createdAt,
    Instant updatedAt,
    List<EntryView> entries) {

  /** One entry: its commission, where that stands, and the commissions it waits for. */
  public record EntryView(
      String entry,
      String commission,
      String state,
      String reason,
      String queue,
      List<String> dependsOn) {}

  /** The plan as {@code store} has it now. */
  public static PlanView of(Plans.Stored plan, CommissionStore store) {
    return new PlanView(
        plan.id(),
        plan.revision(),
        plan.source(),
        plan.createdAt(),
        plan.updatedAt(),
        plan.entries().stream().map(m -> entry(m, store.find(m.commissionId()))).toList());
  }

  private static EntryView entry(Plans.Member m, Optional<CommissionRecord> found) {
    return found
        .map(
            r ->
                new EntryView(
                    m.entry(),
                    r.id(),
                    r.state().wire(),
                    r.reason(),
                    r.spec().queue(),
                    r.spec().dependsOn()))
        .orElseGet(
            () -> new EntryView(m.entry(), m.commissionId(), "missing", null, null, List.of()));
  }

  /** {@code plan apply --json}: what applying did to each entry. */
  public record Applied(String plan, String revision, boolean changed, List<Plans.Change> entries) {
    public static Applied of(Plans.Applied a) {
      return new Applied(a.planId(), a.revision(), a.changed(), a.changes());
    }
  }

  /** {@code plan list --json}. */
  public record Listing(List<PlanView> plans) {}
}
