package dev.sleigh.config;

/**
 * A commission file that cannot be accepted. The message reads {@code <file>:<line>: <key>:
 * <what is wrong>} so an operator can jump straight to the offending line; nothing from the file
 * was accepted.
 */
public final class CommissionFileException extends RuntimeException {
  /** The key reported for problems with the file as a whole rather than one field. */
  public static final String DOCUMENT = "(document)";

  private final String file;
  private final int line;
  private final String key;

  public CommissionFileException(String file, int line, String key, String problem) {
    super(file + ":" + line + ": " + displayKey(key) + ": " + problem);
    this.file = file;
    this.line = line;
    this.key = displayKey(key);
  }

  private static String displayKey(String key) {
    return key == null || key.isEmpty() ? DOCUMENT : key;
  }

  public String file() {
    return file;
  }

  /** One-based line number. */
  public int line() {
    return line;
  }

  /** The key path, e.g. {@code commissions[1].autonomy.max_wall_clock}. */
  public String key() {
    return key;
  }
}
