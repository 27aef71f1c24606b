package dev.sleigh.planted.workspace;

import dev.sleigh.planted.config.Setting;
import dev.sleigh.planted.process.Launch;
import java.io.IOException;

/** Uses the process room (allowed), configuration (not allowed), and starts a program itself. */
public final class Tree {
  private Tree() {}

  public static String describe() {
    return Launch.class.getName() + Setting.class.getName();
  }

  public static Process git() throws IOException {
    return new ProcessBuilder("git", "status").start();
  }
}
