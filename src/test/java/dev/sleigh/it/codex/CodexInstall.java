package dev.sleigh.it.codex;

import static org.junit.jupiter.api.Assumptions.abort;

import dev.sleigh.agent.TestedVersions;
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
 * The real codex program for the integration tests: the npm package {@code @openai/codex} at the
 * release Sleigh is tested with ({@link TestedVersions#CODEX}, or the system property {@code
 * sleigh.it.codex.version}), installed once into a cache directory of its own per release, outside
 * {@code target} (so {@code mvn clean} keeps it), and reused while {@code codex --version} names
 * that release. The tests are skipped, saying so, only when npm cannot reach its registry.
 */
final class CodexInstall {
  static final String PACKAGE = "@openai/codex";
  private static final long INSTALL_MINUTES = 10;

  private CodexInstall() {}

  /** The release to install: {@code sleigh.it.codex.version}, else {@link TestedVersions#CODEX}. */
  static String wanted() {
    String configured = System.getProperty("sleigh.it.codex.version");
    return configured != null && !configured.isBlank() ? configured.strip() : TestedVersions.CODEX;
  }

  /**
   * The cache directory of {@code version}: {@code codex-VERSION} under {@code SLEIGH_CODEX_CACHE},
   * else under {@code ~/.cache/sleigh-test}. One directory per release, so that a cache holding
   * another release is never taken for this one.
   */
  static Path cacheDir(String version) {
    String configured = System.getenv("SLEIGH_CODEX_CACHE");
    Path parent =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "sleigh-test");
    return parent.resolve("codex-" + version);
  }

  /**
   * The codex launcher of the wanted release, installing it first when it is not there yet or
   * reports another release.
   */
  static synchronized Path codex() throws IOException, InterruptedException {
    String version = wanted();
    Path dir = cacheDir(version);
    Path bin = dir.resolve("node_modules/.bin/codex");
    if (Files.isExecutable(bin) && reports(bin, version)) {
      return bin;
    }
    Files.createDirectories(dir);
    String spec = PACKAGE + "@" + version;
    Result install =
        run(
            List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), spec),
            dir,
            INSTALL_MINUTES);
    if (!install.ok()) {
      Result ping = run(List.of("npm", "ping"), dir, 1);
      if (!ping.ok()) {
        abort(
            "npm cannot reach its registry, so "
                + spec
                + " cannot be installed into "
                + dir
                + "; skipping the tests against the real codex.\n"
                + ping.output());
      }
      throw new IOException("npm install " + spec + " failed:\n" + install.output());
    }
    if (!reports(bin, version)) {
      throw new IOException(
          "npm installed "
              + spec
              + " into "
              + dir
              + " but "
              + bin
              + " --version says: "
              + version(bin));
    }
    return bin;
  }

  /** Whether {@code codex --version} names exactly {@code version} (it prints codex-cli X.Y.Z). */
  private static boolean reports(Path codex, String version) throws InterruptedException {
    Result answer = run(List.of(codex.toString(), "--version"), codex.getParent(), 2);
    return answer.ok() && List.of(answer.output().strip().split("\\s+")).contains(version);
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
