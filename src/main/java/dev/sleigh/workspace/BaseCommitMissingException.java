package dev.sleigh.workspace;

/**
 * The commit a workspace must be made at (the base of a checkpoint made on another host) is not in
 * the repository here. Trying again does not help until someone fetches it.
 */
public final class BaseCommitMissingException extends RuntimeException {
  private final String commit;
  private final String repository;

  public BaseCommitMissingException(String commit, String repository) {
    super("base commit " + commit + " is not in the repository " + repository);
    this.commit = commit;
    this.repository = repository;
  }

  public String commit() {
    return commit;
  }

  public String repository() {
    return repository;
  }
}
