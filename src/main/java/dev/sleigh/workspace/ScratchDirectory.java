package dev.sleigh.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private temporary directory for one delivery step (a scratch index, a patch file), deleted when
 * closed whatever happened in between.
 */
final class ScratchDirectory implements AutoCloseable {
  private final Path dir;

  private ScratchDirectory(Path dir) {
    this.dir = dir;
  }

  static ScratchDirectory create() {
    try {
      return new ScratchDirectory(Files.createTempDirectory("sleigh-delivery-"));
    } catch (IOException e) {
      throw new WorkspaceException("could not create a temporary directory: " + e, true, e);
    }
  }

  /** A path inside the directory; nothing is created there. */
  Path resolve(String name) {
    return dir.resolve(name);
  }

  @Override
  public void close() {
    FileTrees.deleteRecursively(dir);
  }
}
