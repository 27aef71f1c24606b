package dev.sleigh.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A commission's workspace. {@code created} is true only for the call that made it, so the caller
 * knows when to run its after-create hook; {@code baseCommit} is the commit the workspace was made
 * from, which stays the same however far the work has moved since.
 */
public record Workspace(Path path, String commissionId, boolean created, String baseCommit) {
  public Workspace {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(commissionId, "commissionId");
    Objects.requireNonNull(baseCommit, "baseCommit");
  }
}
