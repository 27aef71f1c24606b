package dev.sleigh.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One real {@code sleigh} JVM started by a test. Its stderr (the runner's log) is pumped on a
 * thread into a file and a queue, so a test blocks on the queue, with a deadline, until the line it
 * waits for arrives. Signals: {@link #kill()} SIGKILL, {@link #term()} SIGTERM, {@link #stop()} and
 * {@link #cont()} SIGSTOP and SIGCONT.
 */
final class SleighProcess implements AutoCloseable {
  /** What the pump puts on the queue when stderr ends; never a line of the log. */
  private static final String END = new String("<end of stderr>");

  private final String name;
  private final Process process;
  private final Path logFile;
  private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread pump;

  private SleighProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.pump = Thread.ofPlatform().daemon().name("stderr-" + name).start(this::pump);
  }

  /** Starts {@code java … dev.sleigh.Main <args>} in {@code cwd}; its logs go to {@code logDir}. */
  static SleighProcess start(String name, Path cwd, Path logDir, List<String> args) {
    return start(name, cwd, logDir, args, Map.of());
  }

  /**
   * Starts {@code java … dev.sleigh.Main <args>} in {@code cwd}, marked as a runner of that project
   * ({@link AgentProcesses#RUNNER_MARKER}) and with {@code env} added to the test's environment;
   * its logs go to {@code logDir}.
   */
  static SleighProcess start(
      String name, Path cwd, Path logDir, List<String> args, Map<String, String> env) {
    return start(name, cwd, logDir, List.of(), args, env);
  }

  /** The same with extra JVM options, placed after the usual ones so that they win. */
  static SleighProcess start(
      String name,
      Path cwd,
      Path logDir,
      List<String> jvmOptions,
      List<String> args,
      Map<String, String> env) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                java(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + mainLogbackConfig(),
                "-Dsleigh.log.level=" + System.getProperty("sleigh.it.log.level", "INFO")));
    argv.addAll(jvmOptions);
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sleigh.Main"));
    argv.addAll(args);
    try {
      Files.createDirectories(logDir);
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .directory(cwd.toFile())
              .redirectOutput(logDir.resolve(name + ".out").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().putAll(env);
      pb.environment().put(AgentProcesses.RUNNER_MARKER, cwd.toAbsolutePath().toString());
      Process p = pb.start();
      return new SleighProcess(name, p, logDir.resolve(name + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
  }

  /** The test classpath holds a quiet logging config; runners must log their INFO lines. */
  private static String mainLogbackConfig() {
    Path config =
        Path.of(System.getProperty("basedir", ""), "src/main/resources/logback.xml")
            .toAbsolutePath();
    if (!Files.isRegularFile(config)) {
      throw new IllegalStateException("no logging config at " + config);
    }
    return config.toString();
  }

  private void pump() {
    try (PrintWriter file =
            new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
        BufferedReader err =
            new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        file.println(line);
        lines.add(line);
        fresh.add(line);
      }
    } catch (IOException e) {
      lines.add("<stderr pump failed: " + e + ">");
    } finally {
      fresh.add(END);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Every stderr line read so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The log so far, for assertion messages. */
  String log() {
    return "---- "
        + name
        + " (pid "
        + process.pid()
        + ") stderr ----\n"
        + String.join("\n", lines)
        + "\n---- end of "
        + name
        + " ----";
  }

  /**
   * Blocks until a line not yet consumed matches {@code pattern} and returns it; lines before it
   * are consumed. Fails when the deadline passes or the process's stderr ends first.
   */
  String awaitLine(Pattern pattern, Duration max) throws InterruptedException {
    return tryAwaitLine(pattern, max)
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + ": no line matching /"
                        + pattern
                        + "/ within "
                        + max
                        + (process.isAlive() ? "" : " (the process has ended)")
                        + "\n"
                        + log()));
  }

  /** Like {@link #awaitLine} but empty on a deadline or the end of the log. */
  Optional<String> tryAwaitLine(Pattern pattern, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      String line = fresh.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        return Optional.empty();
      }
      if (line == END) {
        fresh.add(END);
        return Optional.empty();
      }
      if (pattern.matcher(line).find()) {
        return Optional.of(line);
      }
    }
  }

  /** The next line not yet consumed, waiting at most {@code max}. */
  Optional<String> nextLine(Duration max) throws InterruptedException {
    return tryAwaitLine(Pattern.compile(""), max);
  }

  /** SIGKILL, then waits until the process is gone. */
  void kill() throws InterruptedException {
    // through the handle: Process.destroyForcibly() would also close our end of its stderr
    process.toHandle().destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL for 30s");
    }
  }

  /** SIGTERM: a runner shuts down gracefully; its log is still read to the end. */
  void term() {
    // through the handle: Process.destroy() would also close our end of its stderr
    process.toHandle().destroy();
  }

  /**
   * SIGSTOP, then waits until every thread of the JVM has stopped: the signal only asks the kernel,
   * and on a loaded machine a thread running on another CPU goes on for a moment after {@code kill}
   * returns, long enough to begin a transaction. The JVM freezes; its agents (in their own process
   * groups) do not.
   */
  void stop() throws InterruptedException {
    signal("STOP");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!allThreadsStopped()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not stop within 30s of SIGSTOP");
      }
      // Waiting on the kernel, which offers no way to be told; each look costs a directory read.
      TimeUnit.MILLISECONDS.sleep(2);
    }
  }

  /** Whether every thread of the process is in the stopped state ({@code T} in its stat line). */
  private boolean allThreadsStopped() {
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (var threads = Files.list(tasks)) {
      return threads.allMatch(SleighProcess::stopped);
    } catch (IOException e) {
      return !process.isAlive();
    }
  }

  private static boolean stopped(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      // "tid (name) S ...": the name may hold spaces and parentheses, the state follows the last
      // ')'
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'T' || state == 't';
    } catch (IOException | RuntimeException e) {
      // a thread that ended while we looked is no running thread
      return true;
    }
  }

  /** SIGCONT: a stopped JVM goes on where it was. */
  void cont() throws InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws InterruptedException {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " " + process.pid() + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the process ends within {@code max}; false when it is still running after it. */
  boolean exitsWithin(Duration max) throws InterruptedException {
    return process.waitFor(max.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Waits for the process to end and its log to be read to the end; returns the exit code. */
  int awaitExit(Duration max) throws InterruptedException {
    if (!process.waitFor(max.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new AssertionError(name + " did not exit within " + max + "\n" + log());
    }
    pump.join(Duration.ofSeconds(10));
    return process.exitValue();
  }

  /** Kills the process if it still runs (stopped ones too) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.toHandle().destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    pump.join(Duration.ofSeconds(10));
  }
}
