package dev.sleigh.planted.http;

import dev.sleigh.planted.cli.Verb;
import dev.sleigh.planted.view.Card;

/** Uses a view (allowed) and the command line (not allowed). */
public final class Page {
  private Page() {}

  public static String render() {
    return Card.text() + Verb.class.getName();
  }
}
