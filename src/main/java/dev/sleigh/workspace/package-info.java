/**
 * Git workspaces: one directory per commission under the workspace root, created once from the
 * repository at its base ref (a worktree for a local repository, a clone for a URL) and then reused
 * as it is, never reset, so a retried phase continues on the work already there. Also lists the
 * paths a workspace has changed, for scope checks, and delivers the work: {@link
 * dev.sleigh.workspace.Diffs} snapshots a workspace through a scratch index and diffs it against
 * its base commit; {@link dev.sleigh.workspace.Delivery} commits that diff on a new branch of the
 * target repository with git plumbing only, never touching the user's checkout.
 *
 * <p>Runs git as a child process ({@code dev.sleigh.process}) with a timeout on every call. Depends
 * on {@code dev.sleigh.domain}, {@code dev.sleigh.process} and the JDK only.
 */
package dev.sleigh.workspace;
