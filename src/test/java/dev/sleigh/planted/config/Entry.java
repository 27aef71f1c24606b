package dev.sleigh.planted.config;

/** A sealed type that builds its own subtype: a family, not a planted class cycle. */
public sealed interface Entry permits Line {
  static Entry of(String text) {
    return new Line(text);
  }
}
