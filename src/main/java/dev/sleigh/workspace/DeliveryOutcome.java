package dev.sleigh.workspace;

import java.util.Locale;
import java.util.Objects;

/** What {@link Delivery#apply} did: the commit on the branch, or why it changed nothing. */
public sealed interface DeliveryOutcome {

  /**
   * The branch holds the workspace's change as one commit on the base commit. {@code created} is
   * false when the branch already held exactly this content, so nothing was written this time.
   */
  record Applied(String branch, String commit, String baseCommit, String tree, boolean created)
      implements DeliveryOutcome {
    public Applied {
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(commit, "commit");
    }
  }

  /** Nothing was written to the target repository. */
  record Refused(Refusal refusal, String message) implements DeliveryOutcome {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Why a delivery changed nothing. None is retried by Sleigh: each needs the operator. */
  enum Refusal {
    /** The workspace changes a path its scope does not allow; it can never be applied. */
    SCOPE_VIOLATION(false),
    /** The workspace holds exactly its base commit. */
    EMPTY_DIFF(false),
    /** The branch name is not a valid git branch name. */
    INVALID_BRANCH(false),
    /** The commission names a repository URL; delivery writes only to a local repository. */
    UNSUPPORTED_TARGET(false),
    /** The target repository has uncommitted changes to tracked files. */
    DIRTY_TARGET(true),
    /** The branch already exists with other content (or appeared while applying). */
    BRANCH_CONFLICT(true),
    /** The diff does not apply to the target (base commit missing, or another result). */
    APPLY_CONFLICT(true);

    private final boolean targetConflict;

    Refusal(boolean targetConflict) {
      this.targetConflict = targetConflict;
    }

    /**
     * True when the target repository, not the work, stands in the way: the work and its evidence
     * are good and may be applied once the target is fixed ({@code blocked_conflict}).
     */
    public boolean targetConflict() {
      return targetConflict;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
