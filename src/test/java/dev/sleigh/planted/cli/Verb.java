package dev.sleigh.planted.cli;

import dev.sleigh.planted.Main;
import dev.sleigh.planted.http.Page;

/** Uses HTTP (allowed) and the composition root (not allowed). */
public final class Verb {
  private Verb() {}

  public static String call() {
    return Page.render() + Main.class.getName();
  }
}
