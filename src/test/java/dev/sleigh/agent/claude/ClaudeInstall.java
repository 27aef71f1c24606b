package dev.sleigh.agent.claude;

import dev.sleigh.agent.TestedVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code claude} program from its npm package at the release Sleigh is tested with ({@link
 * TestedVersions#CLAUDE}, or the system property {@code sleigh.it.claude.version}), installed once
 * into {@code claude-code-VERSION} under a cache directory ({@code ~/.cache/sleigh-it}, or the
 * system property {@code sleigh.it.cache}). A test that needs it is skipped, saying why, when npm
 * is missing or the registry cannot be reached; any other failure to install fails the test.
 */
final class ClaudeInstall {
  static final String PACKAGE = "@anthropic-ai/claude-code";

  private ClaudeInstall() {}

  /**
   * The release to install: {@code sleigh.it.claude.version}, else {@link TestedVersions#CLAUDE}.
   */
  static String version() {
    String configured = System.getProperty("sleigh.it.claude.version");
    return configured != null && !configured.isBlank() ? configured.strip() : TestedVersions.CLAUDE;
  }

  /** The installed {@code claude} program, installing it first when it is not there. */
  static Path program() throws IOException, InterruptedException {
    Path cache =
        Path.of(
            System.getProperty(
                "sleigh.it.cache", System.getProperty("user.home") + "/.cache/sleigh-it"));
    Path prefix = cache.resolve("claude-code-" + version());
    Path program = prefix.resolve("node_modules/.bin/claude");
    if (!Files.isExecutable(program)) {
      install(prefix);
    }
    Assumptions.assumeTrue(
        Files.isExecutable(program),
        "npm installed " + PACKAGE + " but left no " + program + " (unsupported platform?)");
    return program;
  }

  private static void install(Path prefix) throws IOException, InterruptedException {
    Files.createDirectories(prefix);
    Path log = prefix.resolve("npm-install.log");
    Process npm;
    try {
      npm =
          new ProcessBuilder(
                  List.of(
                      "npm",
                      "install",
                      "--prefix",
                      prefix.toString(),
                      "--no-audit",
                      "--no-fund",
                      "--no-save",
                      PACKAGE + "@" + version()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      Assumptions.abort(
          "npm is not installed, so the real " + PACKAGE + " cannot be tried: " + e.getMessage());
      return;
    }
    if (!npm.waitFor(10, TimeUnit.MINUTES)) {
      npm.descendants().forEach(ProcessHandle::destroyForcibly);
      npm.destroyForcibly();
      Assumptions.abort("npm install of " + PACKAGE + " took over 10 minutes; see " + log);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (npm.exitValue() != 0) {
      boolean offline =
          output.matches(
              "(?s).*(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN" + "|ENETUNREACH|network).*");
      Assumptions.assumeFalse(
          offline,
          "the npm registry cannot be reached; skipping the real " + PACKAGE + " (" + log + ")");
      throw new IllegalStateException(
          "npm install " + PACKAGE + "@" + version() + " failed:\n" + output);
    }
  }
}
