package dev.sleigh.agent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the executable an argv names, the way the child would, so that a missing program is a
 * launch failure naming it ({@link AgentFailure#PROGRAM_MISSING}, final) rather than an exit code
 * from the process-group wrapper.
 */
public final class ProgramLocator {
  private ProgramLocator() {}

  /** The absolute path of {@code program}: against {@code cwd} if it has a slash, else on PATH. */
  public static Path locate(String program, Path cwd, Map<String, String> env)
      throws AgentLaunchException {
    return locate(program, cwd, env, AgentFailure.PROGRAM_MISSING.fix());
  }

  /**
   * Like {@link #locate(String, Path, Map)}; a missing program's message ends with {@code install},
   * the way to get it.
   */
  public static Path locate(String program, Path cwd, Map<String, String> env, String install)
      throws AgentLaunchException {
    if (program.contains("/")) {
      Path path = cwd.resolve(program).toAbsolutePath().normalize();
      if (!runnable(path)) {
        throw new AgentLaunchException(
            AgentFailure.PROGRAM_MISSING,
            "agent program '"
                + program
                + "' does not exist or is not executable ("
                + path
                + "); "
                + install);
      }
      return path;
    }
    String searchPath = env.getOrDefault("PATH", "");
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir).resolve(program);
        if (runnable(candidate)) {
          return candidate.toAbsolutePath();
        }
      }
    }
    throw new AgentLaunchException(
        AgentFailure.PROGRAM_MISSING,
        "agent program '" + program + "' was not found on PATH (" + searchPath + "); " + install);
  }

  private static boolean runnable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
