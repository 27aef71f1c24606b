package dev.sleigh.cli.common;

import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.view.ErrorView;
import dev.sleigh.view.ViewJson;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Where a command's results go: one JSON document on stdout with {@code --json}, readable text
 * otherwise; diagnostics always on stderr.
 */
public final class Output {
  private final CliEnvironment env;
  private final boolean json;

  public Output(CliEnvironment env, boolean json) {
    this.env = env;
    this.json = json;
  }

  /** Prints {@code view} as JSON, or lets {@code text} write the readable form. */
  public void result(Object view, Consumer<PrintStream> text) {
    if (json) {
      env.out().println(ViewJson.write(view));
    } else {
      text.accept(env.out());
    }
    env.out().flush();
  }

  /** A note for the operator that is not the result: always stderr, so stdout stays parseable. */
  public void note(String message) {
    env.err().println(message);
  }

  /** Reports a refusal: {@code sleigh: <code>: <message>} on stderr, with --json also on stdout. */
  public int error(StoreError error) {
    env.err().println("sleigh: " + error.code().wire() + ": " + error.message());
    env.err().flush();
    if (json) {
      env.out().println(ViewJson.write(ErrorView.of(error)));
      env.out().flush();
    }
    return ExitCodes.of(error.code());
  }
}
