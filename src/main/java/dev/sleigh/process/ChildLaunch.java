package dev.sleigh.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start one child process: its argv (never a shell string), working directory, complete
 * environment (nothing of the runner's is added), where its stdin comes from and where its output
 * goes.
 */
public record ChildLaunch(
    List<String> argv, Path cwd, Map<String, String> env, Input input, Output output) {

  public ChildLaunch {
    argv = List.copyOf(argv);
    if (argv.isEmpty() || argv.getFirst().isBlank()) {
      throw new IllegalArgumentException("a child argv needs a program");
    }
    Objects.requireNonNull(cwd, "cwd");
    env = Map.copyOf(env);
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
  }

  /** Where stdin comes from. */
  public sealed interface Input {
    /** {@code /dev/null}: the child reads end of file at once. */
    record Nothing() implements Input {}

    /** A file, so no thread of the runner ever blocks writing to a child that does not read. */
    record FromFile(Path file) implements Input {}

    /** A pipe kept open for {@link Child#send(String)}, for children that hold a conversation. */
    record Pipe() implements Input {}
  }

  /** Where stdout and stderr go. */
  public sealed interface Output {
    /** Both appended to files, stderr to stdout's file when {@code stderr} is null. */
    record ToFiles(Path stdout, Path stderr) implements Output {
      public ToFiles {
        Objects.requireNonNull(stdout, "stdout");
      }
    }

    /**
     * Stdout read line by line on a platform thread of its own and handed to {@code lines}; stderr
     * appended to the file {@code stderr}, or read as lines too when it is null.
     */
    record Lines(Consumer<String> lines, Path stderr) implements Output {
      public Lines {
        Objects.requireNonNull(lines, "lines");
      }
    }

    /** Stdout and stderr each read line by line on a platform thread of its own. */
    record TwoStreams(Consumer<String> stdout, Consumer<String> stderr) implements Output {
      public TwoStreams {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
      }
    }
  }
}
