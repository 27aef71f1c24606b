package dev.sleigh.config;

/** What is wrong with a prompt template, at {@code line} counted from the template's first line. */
record TemplateProblem(int line, String message) {
  TemplateProblem {
    if (line < 1) {
      throw new IllegalArgumentException("line must be positive: " + line);
    }
  }
}
