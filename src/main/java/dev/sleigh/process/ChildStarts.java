package dev.sleigh.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every child process this JVM starts, told apart by the part of the work its starting thread
 * declared ({@link #during}): the runner declares each phase of a commission and its completion, so
 * what a commission costs in processes can be counted per phase. Nothing is kept unless someone
 * {@link #watch() watches}: a test pinning the count, or a bench reporting it.
 */
public final class ChildStarts {
  /** What is counted for a thread that declared nothing. */
  public static final String UNDECLARED = "-";

  private static final ThreadLocal<String> PART = new ThreadLocal<>();
  private static final List<Watch> WATCHES = new CopyOnWriteArrayList<>();

  private ChildStarts() {}

  /** One child started: the part its starting thread declared, and its argv. */
  public record Start(String part, List<String> argv) {
    public Start {
      argv = List.copyOf(argv);
    }

    /**
     * The program's name, and for git the command it was asked to run ({@code git status}), its
     * global options ({@code -C dir}, {@code -c key=value}) skipped.
     */
    public String program() {
      String name = argv.getFirst().substring(argv.getFirst().lastIndexOf('/') + 1);
      if (!name.equals("git")) {
        return name;
      }
      for (int i = 1; i < argv.size(); i++) {
        String arg = argv.get(i);
        if (arg.equals("-C") || arg.equals("-c")) {
          i++;
        } else if (!arg.startsWith("-")) {
          return "git " + arg;
        }
      }
      return name;
    }
  }

  /**
   * Declares, for the children the current thread starts until the returned part is closed, which
   * part of the work they belong to; closing restores what was declared before.
   */
  public static Part during(String part) {
    String before = PART.get();
    PART.set(part);
    return new Part(before);
  }

  /** A declaration made by {@link #during}; closing it ends it. */
  public static final class Part implements AutoCloseable {
    private final String before;

    private Part(String before) {
      this.before = before;
    }

    @Override
    public void close() {
      if (before == null) {
        PART.remove();
      } else {
        PART.set(before);
      }
    }
  }

  /** Starts keeping every child started from now until the watch is closed. */
  public static Watch watch() {
    Watch watch = new Watch();
    WATCHES.add(watch);
    return watch;
  }

  /** The children started while it was open, in the order they started. */
  public static final class Watch implements AutoCloseable {
    private final List<Start> starts = new CopyOnWriteArrayList<>();

    private Watch() {}

    /** Every start seen so far. */
    public List<Start> starts() {
      return List.copyOf(starts);
    }

    /** How many children each part started. */
    public Map<String, Integer> countByPart() {
      Map<String, Integer> out = new TreeMap<>();
      for (Start s : starts) {
        out.merge(s.part(), 1, Integer::sum);
      }
      return out;
    }

    /** The programs each part started, in the order they started. */
    public Map<String, List<String>> programsByPart() {
      Map<String, List<String>> out = new TreeMap<>();
      for (Start s : starts) {
        out.computeIfAbsent(s.part(), p -> new ArrayList<>()).add(s.program());
      }
      return out;
    }

    @Override
    public void close() {
      WATCHES.remove(this);
    }
  }

  /** Called for every child started, on the thread that started it. */
  static void started(List<String> argv) {
    if (WATCHES.isEmpty()) {
      return;
    }
    String part = PART.get();
    Start start = new Start(part == null ? UNDECLARED : part, argv);
    for (Watch w : WATCHES) {
      w.starts.add(start);
    }
  }
}
