/**
 * Git workspaces: one directory per commission under the workspace root, created once from the
 * repository at its base ref (a worktree for a local repository, a clone for a URL) and then reused
 * as it is, never reset, so a retried phase continues on the work already there. Also lists the
 * paths a workspace has changed, for scope checks.
 *
 * <p>Runs git as a child process with a timeout on every call. Depends on {@code dev.sleigh.domain}
 * and the JDK only.
 */
package dev.sleigh.workspace;
