package dev.sleigh.it.codex;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real codex program for the integration tests: the npm package {@code @openai/codex},
 * installed once into a cache directory outside {@code target} (so {@code mvn clean} keeps it) and
 * reused. The tests are skipped, saying so, only when npm cannot reach its registry.
 */
final class CodexInstall {
  static final String PACKAGE = "@openai/codex";
  private static final long INSTALL_MINUTES = 10;

  private CodexInstall() {}

  /** The cache directory: {@code SLEIGH_CODEX_CACHE}, else {@code ~/.cache/sleigh-test/codex}. */
  static Path cacheDir() {
    String configured = System.getenv("SLEIGH_CODEX_CACHE");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "sleigh-test", "codex");
  }

  /** The codex launcher, installing the package first when it is not there yet. */
  static synchronized Path codex() throws IOException, InterruptedException {
    Path dir = cacheDir();
    Path bin = dir.resolve("node_modules/.bin/codex");
    if (Files.isExecutable(bin) && run(List.of(bin.toString(), "--version"), dir, 2).ok()) {
      return bin;
    }
    Files.createDirectories(dir);
    Result install =
        run(
            List.of(
                "npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), PACKAGE),
            dir,
            INSTALL_MINUTES);
    if (!install.ok()) {
      Result ping = run(List.of("npm", "ping"), dir, 1);
      if (!ping.ok()) {
        abort(
            "npm cannot reach its registry, so "
                + PACKAGE
                + " cannot be installed into "
                + dir
                + "; skipping the tests against the real codex.\n"
                + ping.output());
      }
      throw new IOException("npm install " + PACKAGE + " failed:\n" + install.output());
    }
    return bin;
  }

  /** What {@code codex --version} prints. */
  static String version(Path codex) throws IOException, InterruptedException {
    return run(List.of(codex.toString(), "--version"), codex.getParent(), 2).output().strip();
  }

  record Result(boolean ok, String output) {}

  /** Runs a command; a missing program (no npm at all) is a failed result, not an exception. */
  static Result run(List<String> argv, Path cwd, long minutes) throws InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(new ArrayList<>(argv))
              .directory(cwd.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return new Result(false, argv.getFirst() + " could not be started: " + e.getMessage());
    }
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "";
              }
            });
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Result(false, String.join(" ", argv) + " did not finish in " + minutes + " min");
    }
    String out;
    try {
      out = output.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      out = "(output unavailable)";
    }
    return new Result(p.exitValue() == 0, out);
  }
}
