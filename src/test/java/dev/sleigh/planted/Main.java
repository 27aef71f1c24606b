package dev.sleigh.planted;

import dev.sleigh.planted.cli.Verb;

/** The composition root may use every room. */
public final class Main {
  private Main() {}

  public static String run() {
    return Verb.call();
  }
}
