package dev.sleigh.testkit;

import dev.sleigh.Main;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Runs one {@code sleigh} command in this JVM, with its own clock, randomness and streams. */
public final class InProcessSleigh {
  private InProcessSleigh() {}

  /** What one command printed and returned. */
  public record Output(int exit, String out, String err) {}

  public static Output run(
      String[] args,
      Path cwd,
      InstantSource clock,
      RandomGenerator random,
      Map<String, String> env) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var environment =
        new CliEnvironment(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            clock,
            random,
            env,
            cwd);
    int exit = Main.run(args, environment);
    return new Output(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
