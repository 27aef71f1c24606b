package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.store.CommissionStore;
import java.util.List;
import java.util.Optional;

/**
 * Whether any commission can still move without an operator: one that is executing (it may be
 * retried, or its lease may expire), or a queued one whose dependencies all exist (they may
 * complete, or end and get it blocked). A queued commission waiting for a commission that does not
 * exist cannot move. A runner of one queue looks at the commissions of that queue only.
 */
final class Drain {
  private Drain() {}

  /** {@code queue}: the runner's only queue, or null for every queue. */
  static boolean anyCanMove(CommissionStore store, String queue) {
    for (CommissionState executing :
        List.of(CommissionState.PREFLIGHTING, CommissionState.RUNNING)) {
      if (store.list(Optional.of(executing)).stream().anyMatch(r -> inQueue(r, queue))) {
        return true;
      }
    }
    for (CommissionRecord queued : store.list(Optional.of(CommissionState.QUEUED))) {
      if (inQueue(queued, queue)
          && queued.spec().dependsOn().stream().allMatch(dep -> store.find(dep).isPresent())) {
        return true;
      }
    }
    return false;
  }

  private static boolean inQueue(CommissionRecord r, String queue) {
    return queue == null || r.spec().queue().equals(queue);
  }
}
