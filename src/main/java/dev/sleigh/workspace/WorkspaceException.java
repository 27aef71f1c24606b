package dev.sleigh.workspace;

/**
 * A workspace could not be made, found or removed. {@link #retryable()} says whether trying again
 * later may help (a timeout, a network hiccup, a lock held by another git) or not (a missing
 * repository or ref, a directory that is not what it should be).
 */
public final class WorkspaceException extends RuntimeException {
  private final boolean retryable;

  public WorkspaceException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public WorkspaceException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
