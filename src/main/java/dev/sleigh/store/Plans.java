package dev.sleigh.store;

import dev.sleigh.domain.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Plans and the commissions of their entries (docs/plans.md). Refusals are {@link StoreException}s
 * with a typed error, and leave the store as it was.
 */
public interface Plans {
  /**
   * Applies one revision of a plan in one transaction, all or nothing. The revision applied last,
   * again with the same content, changes nothing ({@link Applied#changed()} false). A new revision
   * keeps the commission of every entry whose commission is the same, creates those of new entries,
   * and replaces those of changed entries: the old commission is cancelled and a new one created as
   * {@code <plan>.<entry>.r<revision>}; an entry dropped from the plan has its commission
   * cancelled. An entry whose commission has started (was ever claimed) can be neither changed nor
   * dropped: the whole revision is then refused with {@code lifecycle_forbidden}, naming every such
   * commission.
   */
  Applied apply(Plan plan);

  Optional<Stored> find(String id);

  /** Every plan, by id. */
  List<Stored> list();

  /** What applying a plan did. */
  record Applied(String planId, String revision, boolean changed, List<Change> changes) {}

  /**
   * What happened to one entry's commission: {@code created}, {@code unchanged}, {@code replaced}
   * (then {@code replaced} names the commission cancelled for it) or {@code dropped}.
   */
  record Change(String entry, String commissionId, String action, String replaced) {}

  /** A plan as the store keeps it: its revision applied last and the commission of each entry. */
  record Stored(
      String id,
      String revision,
      String hash,
      String source,
      Instant createdAt,
      Instant updatedAt,
      List<Member> entries) {}

  /** One entry of a plan and the commission that carries it out now. */
  record Member(String entry, int position, String commissionId) {}
}
