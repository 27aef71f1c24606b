package dev.sleigh.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system's Chromium, headless, with a fresh profile and no network of its own, driven through
 * its DevTools port. It prints the DevTools address on stderr; the rest of stderr goes to a file.
 * Closing ends its whole process tree.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--disable-extensions",
          "--mute-audio",
          "--no-default-browser-check",
          "--remote-debugging-address=127.0.0.1",
          "--remote-debugging-port=0",
          "--window-size=1280,1000");

  private final Process process;
  private final URI devtools;

  private HeadlessChromium(Process process, URI devtools) {
    this.process = process;
    this.devtools = devtools;
  }

  /** Chromium as Debian installs it ({@code chromium}), or empty when it is not installed. */
  static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "chromium"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  static HeadlessChromium launch(Path binary, Path workDir) throws Exception {
    return launch(binary, workDir, List.of());
  }

  /** With {@code extraFlags} after the usual ones, e.g. a certificate pin for a test server. */
  static HeadlessChromium launch(Path binary, Path workDir, List<String> extraFlags)
      throws Exception {
    Path profile = Files.createDirectories(workDir.resolve("profile"));
    List<String> argv = new ArrayList<>();
    argv.add(binary.toString());
    argv.addAll(FLAGS);
    argv.addAll(extraFlags);
    argv.add("--user-data-dir=" + profile);
    argv.add("about:blank");
    Process process =
        new ProcessBuilder(argv)
            .directory(workDir.toFile())
            .redirectOutput(workDir.resolve("chromium.out").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    CompletableFuture<URI> address = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("chromium-stderr")
        .start(() -> pump(process, workDir.resolve("chromium.err"), address));
    try {
      return new HeadlessChromium(process, address.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      end(process);
      throw new IllegalStateException(
          "chromium did not open its DevTools port; see " + workDir.resolve("chromium.err"), e);
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<URI> address) {
    try (BufferedReader err =
            new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        out.println(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          address.complete(URI.create(m.group(1)));
        }
      }
      address.completeExceptionally(new IOException("chromium closed stderr before it listened"));
    } catch (IOException e) {
      address.completeExceptionally(e);
      throw new UncheckedIOException(e);
    }
  }

  URI devtools() {
    return devtools;
  }

  @Override
  public void close() {
    end(process);
  }

  private static void end(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
