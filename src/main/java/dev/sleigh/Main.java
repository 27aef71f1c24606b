package dev.sleigh;

import dev.sleigh.cli.SleighCommand;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ShutdownSignals;
import dev.sleigh.domain.Secrets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.SplittableRandom;

/**
 * The composition root: the one place that reads the system clock, seeds randomness and looks at
 * the process's environment. Everything else receives them.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ShutdownSignals.install();
    Secrets.registerLikely(System.getenv());
    CliEnvironment env =
        new CliEnvironment(
            System.out,
            System.err,
            InstantSource.system(),
            new SplittableRandom(),
            System.getenv(),
            Path.of("").toAbsolutePath(),
            System.in);
    System.exit(run(args, env));
  }

  /** Runs one command in {@code env} and returns its exit code; never exits the JVM. */
  public static int run(String[] args, CliEnvironment env) {
    return SleighCommand.commandLine(env, args).execute(args);
  }
}
