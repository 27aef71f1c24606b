package dev.sleigh.it;

import dev.sleigh.process.ProcTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The agent processes of one test project: every live process whose environment carries the
 * project's marker variable, which the project's {@code sleigh.md} gives its agents through {@code
 * agent.env}. Children inherit it, so an agent's whole tree is found, whatever process group or
 * parent it ended up with; runner JVMs do not carry it. Runner JVMs carry a marker of their own
 * ({@link #RUNNER_MARKER}), which the hooks and evidence commands they start inherit. Hooks and
 * evidence commands are also found by the run id every process a run starts carries from its first
 * instruction ({@code SLEIGH_RUN_ID}), the runs being those the project's store recorded.
 */
final class AgentProcesses {
  static final String MARKER = "SLEIGH_IT_DIR";

  /** Set on every runner JVM of a project; hooks and evidence commands inherit it. */
  static final String RUNNER_MARKER = "SLEIGH_IT_RUNNER_DIR";

  /** The variable in which Sleigh tags every agent, hook and evidence command with its run. */
  static final String RUN_ID = "SLEIGH_RUN_ID";

  private static final List<String> TAGS = List.of(MARKER, RUN_ID);

  private AgentProcesses() {}

  /** The live processes marked with {@code dir} or tagged with one of {@code runIds}. */
  static List<ProcessHandle> of(Path dir, Set<String> runIds) {
    List<ProcessHandle> found = new ArrayList<>();
    scan(
        (h, tags) -> {
          if (dir.toString().equals(tags.get(MARKER)) || runIds.contains(tags.get(RUN_ID))) {
            found.add(h);
          }
        });
    return found;
  }

  /** The live processes tagged with each of {@code runIds} that has any, in one pass. */
  static Map<String, List<ProcessHandle>> byRun(Set<String> runIds) {
    Map<String, List<ProcessHandle>> found = new HashMap<>();
    scan(
        (h, tags) -> {
          String run = tags.get(RUN_ID);
          if (run != null && runIds.contains(run)) {
            found.computeIfAbsent(run, r -> new ArrayList<>()).add(h);
          }
        });
    return found;
  }

  private static void scan(BiConsumer<ProcessHandle, Map<String, String>> each) {
    long self = ProcessHandle.current().pid();
    for (long pid : ProcTable.pids()) {
      if (pid == self) {
        continue;
      }
      Map<String, String> tags = ProcTable.environment(pid, TAGS);
      if (!tags.isEmpty()) {
        ProcessHandle.of(pid).filter(AgentProcesses::running).ifPresent(h -> each.accept(h, tags));
      }
    }
  }

  /** The live processes marked with {@code dir}. */
  static List<ProcessHandle> of(Path dir) {
    return carrying(MARKER, dir.toString());
  }

  /**
   * The live processes marked with {@code dir}, and the agents that announced themselves in {@code
   * beaconMessages}, whose last word is the agent's pid ({@code $$}). An agent that has just
   * written its message may be in the middle of {@code exec}, when its environment reads empty and
   * the scan alone would miss it; its pid is the same before and after.
   */
  static List<ProcessHandle> of(Path dir, List<String> beaconMessages) {
    List<ProcessHandle> found = new ArrayList<>(of(dir));
    Set<Long> seen = new HashSet<>();
    found.forEach(h -> seen.add(h.pid()));
    for (String message : beaconMessages) {
      long pid = Long.parseLong(message.substring(message.lastIndexOf(' ') + 1).trim());
      if (seen.add(pid)) {
        ProcessHandle.of(pid).filter(AgentProcesses::running).ifPresent(found::add);
      }
    }
    return found;
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
    return kill(of(dir));
  }

  /** Kills {@code processes} and waits a little for them to go; for clean-up. */
  static List<ProcessHandle> kill(List<ProcessHandle> processes) throws InterruptedException {
    processes.forEach(ProcessHandle::destroyForcibly);
    awaitGone(processes, Duration.ofSeconds(10));
    return processes;
  }
}
