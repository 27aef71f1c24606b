package dev.sleigh.store;

import dev.sleigh.domain.CommandKind;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A state change of one existing commission (SPEC §3.2). {@code commandId} is unique per
 * commission: a command whose id was already applied returns the first result and appends nothing.
 * Runner commands carry the lease they hold; operator and sweeper commands do not.
 */
public sealed interface Command {
  String commissionId();

  String commandId();

  CommandKind kind();

  /** A command only the current lease holder may issue. */
  sealed interface Fenced extends Command {
    LeaseToken lease();
  }

  record Heartbeat(String commissionId, LeaseToken lease, String commandId, Duration ttl)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.HEARTBEAT;
    }
  }

  record PhaseStarted(
      String commissionId, LeaseToken lease, String commandId, Phase phase, int attempt)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.PHASE_STARTED;
    }
  }

  /** A phase passed; execute's pass carries the checkpoint of the tree it passed with. */
  record PhasePassed(
      String commissionId,
      LeaseToken lease,
      String commandId,
      Phase phase,
      int attempt,
      CheckpointPack checkpoint)
      implements Fenced {
    /** A pass that names no checkpoint (every phase but execute). */
    public PhasePassed(
        String commissionId, LeaseToken lease, String commandId, Phase phase, int attempt) {
      this(commissionId, lease, commandId, phase, attempt, null);
    }

    public CommandKind kind() {
      return CommandKind.PHASE_PASSED;
    }
  }

  /**
   * One agent turn of an execute attempt ended; the workspace it left is kept as {@code
   * checkpoint}, stored in the same transaction as the {@code turn_completed} event naming it.
   */
  record RecordTurn(
      String commissionId,
      LeaseToken lease,
      String commandId,
      int attempt,
      int turn,
      CheckpointPack checkpoint)
      implements Fenced {
    public RecordTurn {
      Objects.requireNonNull(checkpoint, "checkpoint");
    }

    public CommandKind kind() {
      return CommandKind.RECORD_TURN;
    }
  }

  /**
   * The agent of an execute attempt asked for approval to act (run a command, change files, more
   * permissions) and Sleigh answered per its approval policy: {@code request} holds what was asked,
   * the decision and the policy, as the {@code agent_approval} event's data.
   */
  record RecordAgentApproval(
      String commissionId,
      LeaseToken lease,
      String commandId,
      int attempt,
      Map<String, Object> request)
      implements Fenced {
    public RecordAgentApproval {
      request = Map.copyOf(request);
    }

    public CommandKind kind() {
      return CommandKind.RECORD_AGENT_APPROVAL;
    }
  }

  /** A phase attempt failed; a retryable failure within budget schedules a retry. */
  record PhaseFailed(String commissionId, LeaseToken lease, String commandId, PhaseFailure failure)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.PHASE_FAILED;
    }
  }

  /** The failure of one phase attempt and the budget it is counted against. */
  record PhaseFailure(
      Phase phase, int attempt, String reason, boolean retryable, RetryPolicy policy) {
    public PhaseFailure {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(policy, "policy");
    }
  }

  record Revalidate(
      String commissionId, LeaseToken lease, String commandId, Map<String, Object> facts)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.REVALIDATE;
    }
  }

  record RecordEvidence(
      String commissionId,
      LeaseToken lease,
      String commandId,
      Phase phase,
      String name,
      Map<String, Object> facts)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.RECORD_EVIDENCE;
    }
  }

  record WaitForHuman(
      String commissionId, LeaseToken lease, String commandId, Phase phase, String reason)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.WAIT_FOR_HUMAN;
    }
  }

  /** Finishes the commission; every phase of {@code workflow} must have passed. */
  record Complete(
      String commissionId,
      LeaseToken lease,
      String commandId,
      Workflow workflow,
      boolean projectionDebt)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.COMPLETE;
    }
  }

  /** Blocks the commission; {@code phase} names the verdict's phase when it came from one. */
  record Block(
      String commissionId,
      LeaseToken lease,
      String commandId,
      CommissionState blockedState,
      String reason,
      Phase phase)
      implements Fenced {
    public Block {
      if (blockedState == null || !blockedState.blocked()) {
        throw new IllegalArgumentException("block needs a blocked_* state, got " + blockedState);
      }
    }

    public CommandKind kind() {
      return CommandKind.BLOCK;
    }
  }

  record Fail(
      String commissionId,
      LeaseToken lease,
      String commandId,
      String reason,
      Map<String, Object> failure)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.FAIL;
    }
  }

  record Release(String commissionId, LeaseToken lease, String commandId, String reason)
      implements Fenced {
    public CommandKind kind() {
      return CommandKind.RELEASE;
    }
  }

  /** Operator approval, bound to the snapshot hash the operator saw (null: the current one). */
  record Approve(String commissionId, String commandId, String reason, String snapshotHash)
      implements Command {
    public CommandKind kind() {
      return CommandKind.APPROVE;
    }
  }

  record Reject(String commissionId, String commandId, String reason) implements Command {
    public CommandKind kind() {
      return CommandKind.REJECT;
    }
  }

  record Requeue(String commissionId, String commandId, String reason) implements Command {
    public CommandKind kind() {
      return CommandKind.REQUEUE;
    }
  }

  record Cancel(String commissionId, String commandId, String reason) implements Command {
    public CommandKind kind() {
      return CommandKind.CANCEL;
    }
  }

  /** The sweeper frees a lease whose holder stopped heartbeating. */
  record ExpireLease(String commissionId, String commandId, RetryPolicy policy) implements Command {
    public CommandKind kind() {
      return CommandKind.EXPIRE_LEASE;
    }
  }

  /** Ends a commission whose {@code valid_until} has passed and that no runner holds. */
  record Expire(String commissionId, String commandId) implements Command {
    public CommandKind kind() {
      return CommandKind.EXPIRE;
    }
  }

  /** The sweeper blocks a queued commission whose dependency ended without completing. */
  record BlockDependency(String commissionId, String commandId, String dependencyId)
      implements Command {
    public CommandKind kind() {
      return CommandKind.BLOCK_DEPENDENCY;
    }
  }

  /** The completed commission's change was committed to the target repository. */
  record RecordApplied(String commissionId, String commandId, String branch, String commit)
      implements Command {
    public CommandKind kind() {
      return CommandKind.RECORD_APPLIED;
    }
  }
}
