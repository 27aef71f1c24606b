package dev.sleigh.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child process of this runner and everything it starts. It leads a process group of its own
 * (through {@link Setsid}) where the system allows, and carries a marker in its environment that
 * its descendants inherit, so {@link #stop(Duration)} finds all of them even without a group. Its
 * output is read, when asked, by a platform thread of its own: a child that never writes blocks
 * that thread only, never the carrier threads the rest of the runner shares. It counts among the
 * {@link LiveChildren} until {@link #close()}.
 */
public final class Child implements AutoCloseable, LiveChildren.Member {
  /** The environment variable holding each child's marker; its descendants inherit it. */
  public static final String MARKER = ProcessTree.MARKER;

  private static final Logger LOG = LoggerFactory.getLogger(Child.class);
  private static final File NO_INPUT = new File("/dev/null");
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Duration CLOSE_DRAIN = Duration.ofSeconds(2);

  private final Process process;
  private final ProcessTree tree;
  private final String marker;
  private final Optional<Instant> startedAt;
  private final List<Thread> readers = new ArrayList<>();
  private volatile boolean ended;
  private volatile boolean stopping;

  private Child(Process process, boolean ownGroup, String marker) {
    this.process = process;
    this.marker = marker;
    this.tree =
        new ProcessTree(
            process.toHandle(),
            ProcTable.stat(process.pid()).map(ProcTable.Stat::startTicks).orElse(0L),
            ownGroup ? Optional.of(new ProcessGroup(process.pid())) : Optional.empty(),
            marker);
    this.startedAt = process.info().startInstant();
  }

  /** Starts the child; a program that cannot be started is an IOException naming it. */
  public static Child start(ChildLaunch launch) throws IOException {
    return start(launch, Setsid.program());
  }

  /** Starts the child with {@code setsid}, or without a group of its own when it is empty. */
  static Child start(ChildLaunch launch, Optional<Path> setsid) throws IOException {
    String marker =
        ProcessHandle.current().pid()
            + "-"
            + SEQUENCE.incrementAndGet()
            + "-"
            + Long.toHexString(System.nanoTime());
    List<String> argv = new ArrayList<>();
    setsid.ifPresent(p -> argv.add(p.toString()));
    argv.addAll(launch.argv());
    ProcessBuilder pb = new ProcessBuilder(argv).directory(launch.cwd().toFile());
    Map<String, String> env = new HashMap<>(launch.env());
    env.put(MARKER, marker);
    pb.environment().clear();
    pb.environment().putAll(env);
    redirect(pb, launch);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start '" + launch.argv().getFirst() + "': " + e.getMessage(), e);
    }
    ChildStarts.started(launch.argv());
    Child child = new Child(process, setsid.isPresent(), marker);
    LiveChildren.add(child);
    child.wire(launch);
    LOG.debug(
        "Started child pid {} ({}) in {}", process.pid(), launch.argv().getFirst(), launch.cwd());
    return child;
  }

  private static void redirect(ProcessBuilder pb, ChildLaunch launch) {
    switch (launch.input()) {
      case ChildLaunch.Input.Nothing n -> pb.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
      case ChildLaunch.Input.FromFile f ->
          pb.redirectInput(ProcessBuilder.Redirect.from(f.file().toFile()));
      case ChildLaunch.Input.Pipe p -> pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    }
    switch (launch.output()) {
      case ChildLaunch.Output.ToFiles f -> {
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(f.stdout().toFile()));
        if (f.stderr() == null) {
          pb.redirectErrorStream(true);
        } else {
          pb.redirectError(ProcessBuilder.Redirect.appendTo(f.stderr().toFile()));
        }
      }
      case ChildLaunch.Output.Lines l -> {
        if (l.stderr() == null) {
          pb.redirectErrorStream(true);
        } else {
          pb.redirectError(ProcessBuilder.Redirect.appendTo(l.stderr().toFile()));
        }
      }
      case ChildLaunch.Output.TwoStreams t -> {
        // both are pipes, each read by a thread of its own
      }
    }
  }

  private void wire(ChildLaunch launch) {
    if (launch.output() instanceof ChildLaunch.Output.Lines l) {
      readers.add(pump(process.getInputStream(), l.lines()));
    }
    if (launch.output() instanceof ChildLaunch.Output.TwoStreams t) {
      readers.add(pump(process.getInputStream(), t.stdout()));
      readers.add(pump(process.getErrorStream(), t.stderr()));
    }
    if (!(launch.input() instanceof ChildLaunch.Input.Pipe)) {
      closeQuietly(process.getOutputStream());
    }
  }

  private Thread pump(InputStream in, Consumer<String> lines) {
    return Thread.ofPlatform()
        .daemon()
        .name("child-output-" + process.pid())
        .start(
            () -> {
              var decoded = new InputStreamReader(in, StandardCharsets.UTF_8);
              try (BufferedReader r = new BufferedReader(decoded)) {
                readLines(r, lines);
              } catch (IOException e) {
                // the stream closed under us because the tree was stopped
              }
            });
  }

  /**
   * The longest line delivered whole; a longer one comes in pieces of this size, so that a child
   * printing without end of line never holds more than this of the runner's memory.
   */
  static final int MAX_LINE = 8 << 20;

  /** Delivers {@code r}'s lines (without their ends, {@code \n} or {@code \r\n}) until its end. */
  static void readLines(Reader r, Consumer<String> lines) throws IOException {
    char[] buffer = new char[8192];
    StringBuilder line = new StringBuilder();
    for (int n = r.read(buffer); n >= 0; n = r.read(buffer)) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c == '\n') {
          int end = line.length();
          deliver(
              lines, line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end));
          line.setLength(0);
        } else {
          line.append(c);
          if (line.length() >= MAX_LINE) {
            deliver(lines, line.toString());
            line.setLength(0);
          }
        }
      }
    }
    if (!line.isEmpty()) {
      deliver(lines, line.toString());
    }
  }

  private static void deliver(Consumer<String> lines, String line) {
    try {
      lines.accept(line);
    } catch (RuntimeException e) {
      LOG.warn("A listener failed on a line of child output; output keeps flowing", e);
    }
  }

  /**
   * Writes one line to the stdin of a child started with {@link ChildLaunch.Input.Pipe}; a child
   * that exited or closed its stdin makes this an IOException.
   */
  public synchronized void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  public long pid() {
    return process.pid();
  }

  /** When the operating system says it started, to tell it from a later process with its pid. */
  public Optional<Instant> startedAt() {
    return startedAt;
  }

  /** The marker its tree carries in {@link #MARKER}. */
  public String marker() {
    return marker;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code; only once the process has exited. */
  public int exitCode() {
    return process.exitValue();
  }

  /** Completes when the root process exits. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Waits up to {@code limit} for the root process to exit. */
  public boolean waitFor(Duration limit) throws InterruptedException {
    return process.waitFor(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits up to {@code limit} for the output to be read to its end, so every line has been
   * delivered; a background child that keeps the pipe open makes this return false.
   */
  public boolean awaitOutput(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (Thread reader : readers) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !reader.join(Duration.ofNanos(left))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Ends the whole tree: TERM, up to {@code grace} to exit, then KILL until nothing runs. Once the
   * tree has ended this returns at once: nothing of it is left that could have started more.
   */
  public void stop(Duration grace) {
    if (ended) {
      return;
    }
    stopping = true;
    tree.stop(grace);
    ended = true;
    awaitReaped(System.nanoTime() + ProcessTree.REAP_LIMIT.toNanos());
  }

  /** Whether its owner has begun to stop it (and will kill what outlives the grace). */
  public boolean stopping() {
    return stopping;
  }

  /** SIGKILL to the whole tree at once, waiting at most {@code limit} for it to go. */
  @Override
  public void kill(Duration limit) {
    if (ended) {
      return;
    }
    long deadline = System.nanoTime() + limit.toNanos();
    if (!tree.kill(limit)) {
      Thread.currentThread().interrupt();
    }
    ended = true;
    awaitReaped(deadline);
  }

  /**
   * A killed root is a zombie until the JDK collects its exit status, and until then {@link
   * #isAlive} still says true; so a kill waits, up to its deadline, for that too.
   */
  private void awaitReaped(long deadline) {
    if (Thread.currentThread().isInterrupted()) {
      return;
    }
    try {
      process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether a stop or kill has already ended the tree. */
  public boolean ended() {
    return ended;
  }

  /**
   * SIGKILL to the tree of a process this JVM did not start, one that a runner which has died or
   * lost its lease left behind: its descendants, its group when it leads one, and every process
   * carrying its marker. Returns once nothing of it runs, or {@code limit} passed.
   */
  public static void killLeftover(ProcessHandle root, Duration limit) {
    Optional<ProcTable.Stat> stat = ProcTable.stat(root.pid());
    boolean leader = stat.map(s -> s.pgid() == root.pid()).orElse(false);
    String marker =
        ProcTable.environment(root.pid(), List.of(MARKER))
            .getOrDefault(MARKER, "\0no marker of " + root.pid());
    // The root found is not always the first of its tree (the child that started it may be gone),
    // so every process is asked for its marker, however old.
    var tree =
        new ProcessTree(
            root,
            0L,
            leader ? Optional.of(new ProcessGroup(root.pid())) : Optional.empty(),
            marker);
    if (!tree.kill(limit)) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends whatever is left of the tree at once and stops counting it as live. */
  @Override
  public void close() {
    if (!ended) {
      kill(ProcessTree.REAP_LIMIT);
    }
    try {
      awaitOutput(CLOSE_DRAIN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LiveChildren.remove(this);
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // nothing was written; a child that is already gone needs no end of file
    }
  }

  /** For log lines: which program a pid is. */
  @Override
  public String toString() {
    return "child " + process.pid();
  }
}
