package dev.sleigh.planted.config;

/** Reaches {@link Parser} from a nested class only, closing the planted class cycle. */
public final class Section {
  private Section() {}

  public static String title() {
    return new Heading().text();
  }

  private static final class Heading {
    String text() {
      return Parser.name();
    }
  }
}
