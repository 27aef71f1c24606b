package dev.sleigh.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * What {@code /proc} says about processes: their state and group, and the environment they were
 * started with. Where there is no {@code /proc} (not Linux), every answer is empty, and callers
 * fall back to what {@link ProcessHandle} can tell.
 */
public final class ProcTable {
  private static final Path PROC = Path.of("/proc");

  /** How many times an empty environment is read before it is believed. */
  private static final int EMPTY_READS = 3;

  private ProcTable() {}

  /** Whether this system has a readable {@code /proc}. */
  public static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  /**
   * One process as {@code /proc/<pid>/stat} shows it: its state letter, parent, process group, and
   * when it started, in clock ticks since boot.
   */
  public record Stat(char state, long ppid, long pgid, long startTicks) {
    boolean zombie() {
      return state == 'Z' || state == 'X';
    }
  }

  public static Optional<Stat> stat(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      // the command name may hold spaces and parentheses: the fields start after the last ')'
      int close = stat.lastIndexOf(')');
      String[] fields = stat.substring(close + 2).split(" ");
      return Optional.of(
          new Stat(
              fields[0].charAt(0),
              Long.parseLong(fields[1]),
              Long.parseLong(fields[2]),
              Long.parseLong(fields[19])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * One live process as a pass over {@code /proc} saw it: its parent, its group, and the value of
   * one variable of its environment (null when unset or unreadable).
   */
  public record Entry(long pid, long ppid, long pgid, String variable) {}

  /**
   * Every live process that is not a zombie, with the value of variable {@code name}, in one pass
   * over {@code /proc}: the whole table at the cost of reading it once, so a caller never walks it
   * again per process. Empty without {@code /proc}.
   */
  public static List<Entry> snapshot(String name) {
    List<Entry> found = new ArrayList<>();
    List<String> names = List.of(name);
    for (long pid : pids()) {
      Optional<Stat> stat = stat(pid);
      if (stat.isPresent() && !stat.get().zombie()) {
        found.add(
            new Entry(
                pid, stat.get().ppid(), stat.get().pgid(), environment(pid, names).get(name)));
      }
    }
    return found;
  }

  /** Every pid {@code /proc} lists right now; empty without {@code /proc}. */
  public static List<Long> pids() {
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        try {
          found.add(Long.parseLong(entry.getFileName().toString()));
        } catch (NumberFormatException e) {
          // not a process directory
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return found;
  }

  /**
   * The variables of {@code names} in the environment {@code pid} was started with (a process
   * inherits it from its parent unless it clears it); empty when it cannot be read, e.g. another
   * user's process.
   */
  public static Map<String, String> environment(long pid, List<String> names) {
    byte[] raw = new byte[0];
    Path environ = PROC.resolve(Long.toString(pid)).resolve("environ");
    // A process in the middle of exec reads as having no environment for a moment: read again a
    // few times before believing it (a process started with none reads the same each time).
    for (int read = 0; read < EMPTY_READS && raw.length == 0; read++) {
      try {
        raw = Files.readAllBytes(environ);
      } catch (IOException | RuntimeException e) {
        return Map.of();
      }
      if (raw.length == 0) {
        Thread.yield();
      }
    }
    Map<String, String> found = new HashMap<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == 0) {
        if (i > start) {
          matchEntry(new String(raw, start, i - start, StandardCharsets.UTF_8), names, found);
        }
        start = i + 1;
      }
    }
    return found;
  }

  private static void matchEntry(String entry, List<String> names, Map<String, String> found) {
    int eq = entry.indexOf('=');
    if (eq > 0) {
      String name = entry.substring(0, eq);
      if (names.contains(name)) {
        found.put(name, entry.substring(eq + 1));
      }
    }
  }

  /**
   * Everything of one child that runs, in one pass over {@code /proc}: {@code root} (when it is not
   * negative), the members of group {@code pgid} (when it is not negative), the carriers of {@code
   * marker} in variable {@code markerName}, and every descendant of these. Only processes started
   * at or after {@code startTicks} are asked for their environment: a marker is inherited from the
   * root, so no older process can carry it. A pass thus reads each process's stat and the
   * environment of the few new ones, which matters on a host with thousands of processes.
   */
  public static Set<Long> treeOf(
      long root, long startTicks, long pgid, String markerName, String marker) {
    Map<Long, Stat> live = new HashMap<>();
    for (long pid : pids()) {
      stat(pid).filter(s -> !s.zombie()).ifPresent(s -> live.put(pid, s));
    }
    Set<Long> found = new LinkedHashSet<>();
    if (live.containsKey(root)) {
      found.add(root);
    }
    List<String> names = List.of(markerName);
    Map<Long, List<Long>> children = new HashMap<>();
    live.forEach(
        (pid, s) -> {
          children.computeIfAbsent(s.ppid(), p -> new ArrayList<>()).add(pid);
          if ((pgid >= 0 && s.pgid() == pgid)
              || (s.startTicks() >= startTicks && marker.equals(newVariable(pid, markerName)))) {
            found.add(pid);
          }
        });
    Deque<Long> todo = new ArrayDeque<>(found);
    while (!todo.isEmpty()) {
      for (long child : children.getOrDefault(todo.pop(), List.of())) {
        if (found.add(child)) {
          todo.push(child);
        }
      }
    }
    return found;
  }

  /** How long a new process whose environment reads empty is given to finish its exec. */
  private static final long EXEC_WAIT_NANOS = 20_000_000L;

  /**
   * Variable {@code name} of a process started after the tree's root. One that reads as having no
   * environment at all is most likely in the middle of exec (a forked member becoming another
   * program), so it is read again for a moment: missed, it would outlive its tree's kill.
   */
  private static String newVariable(long pid, String name) {
    List<String> names = List.of(name);
    long deadline = System.nanoTime() + EXEC_WAIT_NANOS;
    while (true) {
      Path environ = PROC.resolve(Long.toString(pid)).resolve("environ");
      Map<String, String> env = environment(pid, names);
      if (!env.isEmpty() || System.nanoTime() >= deadline || !emptyButReadable(environ)) {
        return env.get(name);
      }
      LockSupport.parkNanos(1_000_000L);
    }
  }

  private static boolean emptyButReadable(Path environ) {
    try {
      return Files.readAllBytes(environ).length == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
