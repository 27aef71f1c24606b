package dev.sleigh.config;

import java.util.List;

/**
 * A commission file that cannot be accepted. The message reads {@code <file>:<line>: <key>: <what
 * is wrong>} so an operator can jump straight to the offending line; nothing from the file was
 * accepted.
 */
public final class CommissionFileException extends LocatedFileException {

  public CommissionFileException(String file, int line, String key, String problem) {
    super(file, line, key, problem);
  }

  CommissionFileException(List<? extends LocatedFileException> problems) {
    super(problems);
  }
}
