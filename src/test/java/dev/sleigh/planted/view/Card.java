package dev.sleigh.planted.view;

import dev.sleigh.planted.http.Page;
import dev.sleigh.planted.runtime.Tick;

/** Uses the runtime (allowed) and HTTP (not allowed). */
public final class Card {
  private Card() {}

  public static String text() {
    return Tick.name() + Page.class.getName();
  }
}
