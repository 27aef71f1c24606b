package dev.sleigh.cli.common;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Everything a command may take from the world it runs in: its streams, clock, randomness,
 * environment variables and working directory. {@code Main} builds the real one; tests build their
 * own, so a command runs in-process with a test clock and captured output.
 */
public record CliEnvironment(
    PrintStream out,
    PrintStream err,
    InstantSource clock,
    RandomGenerator random,
    Map<String, String> env,
    Path cwd,
    InputStream in) {

  /** An environment whose standard input is empty. */
  public CliEnvironment(
      PrintStream out,
      PrintStream err,
      InstantSource clock,
      RandomGenerator random,
      Map<String, String> env,
      Path cwd) {
    this(out, err, clock, random, env, cwd, InputStream.nullInputStream());
  }

  public CliEnvironment {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    env = Map.copyOf(env);
    cwd = cwd.toAbsolutePath().normalize();
  }

  /** A path as the operator typed it, resolved against the working directory. */
  public Path resolve(Path path) {
    return cwd.resolve(path).normalize();
  }

  public String variable(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
