package dev.sleigh.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent processes of one test project: every live process whose environment carries the
 * project's marker variable, which the project's {@code sleigh.md} gives its agents through {@code
 * agent.env}. Children inherit it, so an agent's whole tree is found, whatever process group or
 * parent it ended up with; runner JVMs do not carry it. Runner JVMs carry a marker of their own
 * ({@link #RUNNER_MARKER}), which the hooks and evidence commands they start inherit.
 */
final class AgentProcesses {
  static final String MARKER = "SLEIGH_IT_DIR";

  /** Set on every runner JVM of a project; hooks and evidence commands inherit it. */
  static final String RUNNER_MARKER = "SLEIGH_IT_RUNNER_DIR";

  private AgentProcesses() {}

  /** The live processes marked with {@code dir}. */
  static List<ProcessHandle> of(Path dir) {
    return carrying(MARKER, dir.toString());
  }

  /** The live processes (this JVM aside) whose environment has {@code name=value}. */
  static List<ProcessHandle> carrying(String name, String value) {
    byte[] mark = ("\0" + name + "=" + value + "\0").getBytes(StandardCharsets.UTF_8);
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(h -> h.pid() != ProcessHandle.current().pid())
        .forEach(
            h -> {
              if (environContains(h.pid(), mark) && running(h)) {
                found.add(h);
              }
            });
    return found;
  }

  private static boolean environContains(long pid, byte[] mark) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException | SecurityException e) {
      return false;
    }
    byte[] padded = new byte[environ.length + 1];
    System.arraycopy(environ, 0, padded, 1, environ.length);
    return indexOf(padded, mark) >= 0;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A readable list of processes for failure messages. */
  static String describe(List<ProcessHandle> processes) {
    StringBuilder out = new StringBuilder();
    for (ProcessHandle h : processes) {
      out.append("\n  pid ")
          .append(h.pid())
          .append(" parent ")
          .append(h.parent().map(p -> Long.toString(p.pid())).orElse("?"))
          .append(": ")
          .append(h.info().commandLine().orElse("?"));
    }
    return out.toString();
  }

  /**
   * Waits until every one of {@code processes} has ended; returns those still running after {@code
   * max} (empty when all ended in time). A process that has exited but was not yet reaped (an
   * orphan whose new parent reaps slowly) has ended: it runs nothing and holds nothing.
   */
  static List<ProcessHandle> awaitGone(List<ProcessHandle> processes, Duration max)
      throws InterruptedException {
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // reported below as the survivors
    }
    return processes.stream().filter(AgentProcesses::running).toList();
  }

  /** Alive and not a zombie. */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Kills whatever is left of the project's agents; for clean-up after a failed test. */
  static List<ProcessHandle> killAll(Path dir) throws InterruptedException {
    List<ProcessHandle> left = of(dir);
    left.forEach(ProcessHandle::destroyForcibly);
    awaitGone(left, Duration.ofSeconds(10));
    return left;
  }
}
