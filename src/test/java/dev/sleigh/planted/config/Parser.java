package dev.sleigh.planted.config;

import java.util.function.Supplier;

/** Reaches {@link Section} from a lambda only; Section reaches back: a planted class cycle. */
public final class Parser {
  private Parser() {}

  public static Supplier<String> sections() {
    return () -> Section.title();
  }

  static String name() {
    return "parser";
  }
}
