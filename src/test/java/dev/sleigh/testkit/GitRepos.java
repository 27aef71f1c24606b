package dev.sleigh.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real git repositories for tests: one commit on {@code main}. */
public final class GitRepos {
  private GitRepos() {}

  public static Path create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    git(dir, "init", "-q", "-b", "main");
    Files.writeString(dir.resolve("README.md"), "# demo\n");
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/app.txt"), "version=1\n");
    git(dir, "add", ".");
    git(
        dir,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@localhost",
        "commit",
        "-q",
        "-m",
        "initial");
    return dir;
  }

  public static void git(Path dir, String... args) throws IOException, InterruptedException {
    output(dir, args);
  }

  /** Runs git in {@code dir} and returns what it printed (stdout and stderr together). */
  public static String output(Path dir, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }
}
