package dev.sleigh.config;

import java.nio.file.Path;

/**
 * There is no {@code sleigh.md} where one was looked for. Kept apart from {@link ConfigException}
 * because it is not a broken file: the caller decides whether to run on {@link
 * SleighConfig#defaults(Path)} or to refuse.
 */
public final class ConfigFileMissingException extends RuntimeException {
  private final Path file;

  public ConfigFileMissingException(Path file) {
    super(file + ": no such configuration file");
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
