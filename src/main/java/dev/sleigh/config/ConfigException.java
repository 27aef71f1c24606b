package dev.sleigh.config;

import java.util.List;

/**
 * A {@code sleigh.md} that cannot be accepted: malformed front matter, an unknown key, a value of
 * the wrong type or range, or a prompt with an unknown variable. The message reads {@code
 * <file>:<line>: <key>: <what is wrong>}; the runner refuses to start on it.
 */
public final class ConfigException extends LocatedFileException {

  public ConfigException(String file, int line, String key, String problem) {
    super(file, line, key, problem);
  }

  ConfigException(List<? extends LocatedFileException> problems) {
    super(problems);
  }
}
