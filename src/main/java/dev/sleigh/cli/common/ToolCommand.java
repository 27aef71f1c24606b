package dev.sleigh.cli.common;

import dev.sleigh.config.SleighConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How an agent starts Sleigh's tool server: this JVM's java, on this JVM's class path, running
 * Sleigh's main class with the options that find this command's home, store and configuration. The
 * runner adds {@code mcp} and the session's commission, lease and workspace. Empty when {@code
 * agent.tools: false}.
 */
public final class ToolCommand {
  /** Sleigh's main class, named here since the command line may not see the composition root. */
  static final String MAIN = "dev.sleigh.Main";

  private ToolCommand() {}

  public static List<String> of(CliEnvironment env, GlobalOptions options, SleighConfig config) {
    if (!config.agent().tools()) {
      return List.of();
    }
    List<String> argv = new ArrayList<>(java());
    argv.addAll(options.forChild(env));
    return argv;
  }

  /** The running JVM's java with a short-lived process's flags, the class path and main class. */
  static List<String> java() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(
        java,
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path"),
        MAIN);
  }
}
