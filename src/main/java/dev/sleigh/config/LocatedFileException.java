package dev.sleigh.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A file an operator wrote that cannot be accepted. The message reads {@code <file>:<line>: <key>:
 * <what is wrong>} so an operator can jump straight to the offending line; nothing from the file
 * was accepted. Each kind of file has its own subtype so callers can tell them apart. Where a file
 * has several problems that could all be found, one exception holds them all, a line each, and
 * names the first as its own file, line and key.
 */
public abstract sealed class LocatedFileException extends RuntimeException
    permits CommissionFileException, ConfigException {
  /** The key reported for problems with the file as a whole rather than one field. */
  public static final String DOCUMENT = "(document)";

  private final String file;
  private final int line;
  private final String key;
  private final List<LocatedFileException> problems;

  protected LocatedFileException(String file, int line, String key, String problem) {
    super(file + ":" + line + ": " + displayKey(key) + ": " + problem);
    this.file = file;
    this.line = line;
    this.key = displayKey(key);
    this.problems = List.of();
  }

  /** All of {@code problems} (at least one) at once, in the order they were found. */
  protected LocatedFileException(List<? extends LocatedFileException> problems) {
    super(problems.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
    LocatedFileException first = problems.getFirst();
    this.file = first.file;
    this.line = first.line;
    this.key = first.key;
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, a single one included: one per line of the message. */
  public List<LocatedFileException> problems() {
    return problems.isEmpty() ? List.of(this) : problems;
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
