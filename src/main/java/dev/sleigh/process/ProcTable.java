package dev.sleigh.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /proc} says about processes: their state and group, and the environment they were
 * started with. Where there is no {@code /proc} (not Linux), every answer is empty, and callers
 * fall back to what {@link ProcessHandle} can tell.
 */
public final class ProcTable {
  private static final Path PROC = Path.of("/proc");

  private ProcTable() {}

  /** Whether this system has a readable {@code /proc}. */
  public static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  /** The state letter, parent and process group of one process, from {@code /proc/<pid>/stat}. */
  public record Stat(char state, long ppid, long pgid) {
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
          new Stat(fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2])));
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
    byte[] raw;
    try {
      raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException | RuntimeException e) {
      return Map.of();
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
   * The live processes that belong to a child: members of process group {@code pgid} (when not
   * negative) and carriers of {@code marker} in variable {@code markerName}, in one pass over
   * {@code /proc}.
   */
  public static List<Long> belongingTo(long pgid, String markerName, String marker) {
    List<Long> found = new ArrayList<>();
    for (Entry e : snapshot(markerName)) {
      if ((pgid >= 0 && e.pgid() == pgid) || marker.equals(e.variable())) {
        found.add(e.pid());
      }
    }
    return found;
  }
}
