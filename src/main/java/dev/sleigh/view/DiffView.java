package dev.sleigh.view;

/**
 * {@code sleigh diff ID --json}: the workspace's change against its base commit as one patch
 * ({@code git diff --binary}; binary files are encoded in the patch, so it is plain text).
 */
public record DiffView(String commissionId, String baseCommit, String diff) {}
