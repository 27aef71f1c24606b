package dev.sleigh.config;

/**
 * A file an operator wrote that cannot be accepted. The message reads {@code <file>:<line>: <key>:
 * <what is wrong>} so an operator can jump straight to the offending line; nothing from the file
 * was accepted. Each kind of file has its own subtype so callers can tell them apart.
 */
public abstract sealed class LocatedFileException extends RuntimeException
    permits CommissionFileException, ConfigException {
  /** The key reported for problems with the file as a whole rather than one field. */
  public static final String DOCUMENT = "(document)";

  private final String file;
  private final int line;
  private final String key;

  protected LocatedFileException(String file, int line, String key, String problem) {
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

  /**
   * The key path, e.g. {@code commissions[1].autonomy.max_wall_clock} or {@code engine.lease_ttl}.
   */
  public String key() {
    return key;
  }
}
