package dev.sleigh.runtime;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.workspace.Delivery;
import dev.sleigh.workspace.DeliveryOutcome;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.Git;
import java.util.Objects;

/**
 * Takes a commission's change home for both who deliver: the runner at completion ({@code
 * delivery_policy: auto_apply_on_pass}) and the operator ({@code sleigh apply}). Both go through
 * the same scope check and git plumbing, and a refusal means one thing, read from one table: the
 * state the runner ends the commission in, and whether the operator asked for something invalid or
 * met a conflict with the target or the scope.
 */
public final class ChangeDelivery {
  private final Delivery delivery;

  public ChangeDelivery(Git git) {
    this.delivery = new Delivery(git);
  }

  /** What a delivery did: the commit on its branch, or a refusal that changed nothing. */
  public sealed interface Outcome {
    /** The change is one commit on its branch; see {@link DeliveryOutcome.Applied}. */
    record Applied(DeliveryOutcome.Applied applied) implements Outcome {
      public Applied {
        Objects.requireNonNull(applied, "applied");
      }
    }

    /** Nothing was written; {@code meaning} says what the refusal means to each deliverer. */
    record Refused(DeliveryOutcome.Refusal refusal, String message, Meaning meaning)
        implements Outcome {
      public Refused {
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(meaning, "meaning");
      }

      /** {@code <refusal>: <message>}, as the runner records it and the operator reads it. */
      public String reason() {
        return refusal.wire() + ": " + message;
      }
    }
  }

  /** Who is to act on a refusal the operator met. */
  public enum OperatorFault {
    /** The operator's input is invalid (a bad branch name): a usage error. */
    USAGE,
    /** The target or the scope stands in the way: a conflict. */
    CONFLICT
  }

  /**
   * What a refusal means. {@code runnerBlocksIn}: the blocked state the runner ends the commission
   * in, or null when the commission fails (its work can never be applied).
   */
  public record Meaning(CommissionState runnerBlocksIn, OperatorFault operatorFault) {
    public Meaning {
      Objects.requireNonNull(operatorFault, "operatorFault");
    }
  }

  /**
   * Applies {@code change} to the commission's repository on {@code branchOrNull} (the default
   * branch when null). Broken git or file systems are thrown as workspace exceptions.
   */
  public Outcome deliver(Commission commission, Diffs.Snapshot change, String branchOrNull) {
    return switch (delivery.apply(commission, change, branchOrNull)) {
      case DeliveryOutcome.Applied a -> new Outcome.Applied(a);
      case DeliveryOutcome.Refused r -> refused(r.refusal(), r.message());
    };
  }

  /** A refusal with its meaning from the table. */
  public static Outcome.Refused refused(DeliveryOutcome.Refusal refusal, String message) {
    return new Outcome.Refused(refusal, message, meaning(refusal));
  }

  /** The one table of what each refusal means to the runner and to the operator. */
  public static Meaning meaning(DeliveryOutcome.Refusal refusal) {
    return switch (refusal) {
      case SCOPE_VIOLATION -> new Meaning(null, OperatorFault.CONFLICT);
      case DIRTY_TARGET, BRANCH_CONFLICT, APPLY_CONFLICT ->
          new Meaning(CommissionState.BLOCKED_CONFLICT, OperatorFault.CONFLICT);
      case EMPTY_DIFF, UNSUPPORTED_TARGET ->
          new Meaning(CommissionState.BLOCKED_POLICY, OperatorFault.CONFLICT);
      case INVALID_BRANCH -> new Meaning(CommissionState.BLOCKED_POLICY, OperatorFault.USAGE);
    };
  }
}
