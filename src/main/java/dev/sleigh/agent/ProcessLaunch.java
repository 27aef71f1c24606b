package dev.sleigh.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one agent process: the argv (never a shell string), its working directory, the
 * environment configured on top of the minimal inherited one, the text written to its stdin, the
 * log file its output is appended to, and whether stderr lines count as activity too.
 */
public record ProcessLaunch(
    List<String> argv,
    Path cwd,
    Map<String, String> env,
    String stdin,
    Path logFile,
    boolean stderrIsActivity) {

  public ProcessLaunch {
    argv = List.copyOf(argv);
    if (argv.isEmpty() || argv.getFirst().isBlank()) {
      throw new IllegalArgumentException("an agent argv needs a program");
    }
    Objects.requireNonNull(cwd, "cwd");
    env = Map.copyOf(env);
    stdin = stdin == null ? "" : stdin;
    Objects.requireNonNull(logFile, "logFile");
  }

  public String program() {
    return argv.getFirst();
  }
}
