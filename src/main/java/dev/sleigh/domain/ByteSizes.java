package dev.sleigh.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as operators write them: a whole number and a unit, {@code B}, {@code KB}/{@code MB}/{@code
 * GB} (powers of 1000) or {@code KiB}/{@code MiB}/{@code GiB} (powers of 1024). A bare number is a
 * count of bytes.
 */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]i?B|B)?");

  private ByteSizes() {}

  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size; write e.g. 100MB, 512KiB or 1048576");
    }
    long number;
    try {
      number = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a size");
    }
    long unit = unit(m.group(2) == null ? "B" : m.group(2));
    if (number > Long.MAX_VALUE / unit) {
      throw new IllegalArgumentException("'" + text + "' is too large a size");
    }
    return number * unit;
  }

  private static long unit(String unit) {
    return switch (unit.toUpperCase(Locale.ROOT)) {
      case "B" -> 1;
      case "KB" -> 1_000;
      case "MB" -> 1_000_000;
      case "GB" -> 1_000_000_000;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      default -> throw new IllegalArgumentException("unknown size unit " + unit);
    };
  }

  /** A readable form: the largest power-of-1000 unit that keeps a whole number. */
  public static String format(long bytes) {
    for (var u : new Object[][] {{1_000_000_000L, "GB"}, {1_000_000L, "MB"}, {1_000L, "KB"}}) {
      long size = (Long) u[0];
      if (bytes >= size && bytes % size == 0) {
        return bytes / size + (String) u[1];
      }
    }
    return bytes + "B";
  }
}
