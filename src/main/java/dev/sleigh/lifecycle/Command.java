package dev.sleigh.lifecycle;

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

  /** What kind of command this is, for the lifecycle table and the applied-command log. */
  default CommandKind kind() {
    return switch (this) {
      case Heartbeat c -> CommandKind.HEARTBEAT;
      case PhaseStarted c -> CommandKind.PHASE_STARTED;
      case PhasePassed c -> CommandKind.PHASE_PASSED;
      case RecordTurn c -> CommandKind.RECORD_TURN;
      case RecordAgentApproval c -> CommandKind.RECORD_AGENT_APPROVAL;
      case RecordAgentNote c -> CommandKind.RECORD_AGENT_NOTE;
      case RecordAgentEvidence c -> CommandKind.RECORD_AGENT_EVIDENCE;
      case PhaseFailed c -> CommandKind.PHASE_FAILED;
      case Revalidate c -> CommandKind.REVALIDATE;
      case RecordEvidence c -> CommandKind.RECORD_EVIDENCE;
      case WaitForHuman c -> CommandKind.WAIT_FOR_HUMAN;
      case Complete c -> CommandKind.COMPLETE;
      case Block c -> CommandKind.BLOCK;
      case Fail c -> CommandKind.FAIL;
      case Release c -> CommandKind.RELEASE;
      case Approve c -> CommandKind.APPROVE;
      case Reject c -> CommandKind.REJECT;
      case Requeue c -> CommandKind.REQUEUE;
      case Cancel c -> CommandKind.CANCEL;
      case ExpireLease c -> CommandKind.EXPIRE_LEASE;
      case Expire c -> CommandKind.EXPIRE;
      case BlockDependency c -> CommandKind.BLOCK_DEPENDENCY;
      case RecordApplied c -> CommandKind.RECORD_APPLIED;
      case RecordProjection c -> CommandKind.RECORD_PROJECTION;
    };
  }

  /** A command only the current lease holder may issue. */
  sealed interface Fenced extends Command {
    LeaseToken lease();
  }

  record Heartbeat(String commissionId, LeaseToken lease, String commandId, Duration ttl)
      implements Fenced {}

  record PhaseStarted(
      String commissionId, LeaseToken lease, String commandId, Phase phase, int attempt)
      implements Fenced {}

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
  }

  /**
   * The agent of the lease holder's session wrote a note through its tools; the {@code agent_note}
   * event carries the phase and attempt the commission is in.
   */
  record RecordAgentNote(String commissionId, LeaseToken lease, String commandId, String text)
      implements Fenced {
    public RecordAgentNote {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * The agent ran the commission's evidence commands through its tools; {@code results} holds what
   * each showed. Recorded as the agent's own check ({@code agent_evidence}), never as measure's
   * evidence.
   */
  record RecordAgentEvidence(
      String commissionId,
      LeaseToken lease,
      String commandId,
      java.util.List<Map<String, Object>> results)
      implements Fenced {
    public RecordAgentEvidence {
      results = java.util.List.copyOf(results);
    }
  }

  /** A phase attempt failed; a retryable failure within budget schedules a retry. */
  record PhaseFailed(String commissionId, LeaseToken lease, String commandId, PhaseFailure failure)
      implements Fenced {}

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
      implements Fenced {}

  record RecordEvidence(
      String commissionId,
      LeaseToken lease,
      String commandId,
      Phase phase,
      int attempt,
      String name,
      Map<String, Object> facts)
      implements Fenced {}

  record WaitForHuman(
      String commissionId, LeaseToken lease, String commandId, Phase phase, String reason)
      implements Fenced {}

  /** Finishes the commission; every phase of {@code workflow} must have passed. */
  record Complete(
      String commissionId,
      LeaseToken lease,
      String commandId,
      Workflow workflow,
      boolean projectionDebt)
      implements Fenced {}

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
  }

  record Fail(
      String commissionId,
      LeaseToken lease,
      String commandId,
      String reason,
      Map<String, Object> failure)
      implements Fenced {}

  record Release(String commissionId, LeaseToken lease, String commandId, String reason)
      implements Fenced {}

  /** Operator approval, bound to the snapshot hash the operator saw (null: the current one). */
  record Approve(String commissionId, String commandId, String reason, String snapshotHash)
      implements Command {}

  record Reject(String commissionId, String commandId, String reason) implements Command {}

  record Requeue(String commissionId, String commandId, String reason) implements Command {}

  record Cancel(String commissionId, String commandId, String reason) implements Command {}

  /** The sweeper frees a lease whose holder stopped heartbeating. */
  record ExpireLease(String commissionId, String commandId, RetryPolicy policy)
      implements Command {}

  /** Ends a commission whose {@code valid_until} has passed and that no runner holds. */
  record Expire(String commissionId, String commandId) implements Command {}

  /** The sweeper blocks a queued commission whose dependency ended without completing. */
  record BlockDependency(String commissionId, String commandId, String dependencyId)
      implements Command {}

  /** The completed commission's change was committed to the target repository. */
  record RecordApplied(String commissionId, String commandId, String branch, String commit)
      implements Command {}

  /**
   * What publishing a completed commission's outcome to its projection targets came to. Never
   * fenced: the lease ended with completion, and a publication changes nothing but the debt.
   */
  record RecordProjection(String commissionId, String commandId, ProjectionOutcome outcome)
      implements Command {
    public RecordProjection {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** The outcome of one publication round over the configured targets. */
  sealed interface ProjectionOutcome {
    /** Every target has the outcome now; {@code targets} names them. */
    record Published(java.util.List<String> targets) implements ProjectionOutcome {
      public Published {
        targets = java.util.List.copyOf(targets);
      }
    }

    /**
     * At least one target did not take it. {@code published} names those that did this round;
     * {@code retryAt} is when to try again, null when the error is final ({@code 401}, {@code 403},
     * {@code 404}, no target configured) and only an operator's retry tries again.
     */
    record Failed(
        java.util.List<String> published,
        java.util.List<Map<String, Object>> failures,
        java.time.Instant retryAt)
        implements ProjectionOutcome {
      public Failed {
        published = java.util.List.copyOf(published);
        failures = java.util.List.copyOf(failures);
        if (failures.isEmpty()) {
          throw new IllegalArgumentException("a failed publication names at least one failure");
        }
      }

      public boolean finalError() {
        return retryAt == null;
      }
    }
  }
}
