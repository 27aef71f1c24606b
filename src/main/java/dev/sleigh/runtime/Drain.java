package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.store.CommissionStore;
import java.util.Optional;

/**
 * Whether any commission can still move without an operator: one that is executing (it may be
 * retried, or its lease may expire), or a queued one whose dependencies all exist (they may
 * complete, or end and get it blocked). A queued commission waiting for a commission that does not
 * exist cannot move.
 */
final class Drain {
  private Drain() {}

  static boolean anyCanMove(CommissionStore store) {
    if (!store.list(Optional.of(CommissionState.PREFLIGHTING)).isEmpty()
        || !store.list(Optional.of(CommissionState.RUNNING)).isEmpty()) {
      return true;
    }
    for (CommissionRecord queued : store.list(Optional.of(CommissionState.QUEUED))) {
      if (queued.spec().dependsOn().stream().allMatch(dep -> store.find(dep).isPresent())) {
        return true;
      }
    }
    return false;
  }
}
