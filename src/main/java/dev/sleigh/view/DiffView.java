package dev.sleigh.view;

/**
 * {@code sleigh diff ID --json}: the commission's change against its base commit as one patch
 * ({@code git diff --binary}; binary files are encoded in the patch, so it is plain text), read
 * from its latest checkpoint ({@code checkpoint}) or, without one, from the workspace here.
 */
public record DiffView(String commissionId, String baseCommit, String diff, String checkpoint) {
  /** A diff of the workspace on this host. */
  public DiffView(String commissionId, String baseCommit, String diff) {
    this(commissionId, baseCommit, diff, null);
  }
}
