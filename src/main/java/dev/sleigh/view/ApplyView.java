package dev.sleigh.view;

/**
 * {@code sleigh apply ID --json}: the branch and the one commit that hold the commission's change.
 * {@code created} is false when the branch already held exactly this change.
 */
public record ApplyView(
    String commissionId, String branch, String commit, String baseCommit, boolean created) {}
