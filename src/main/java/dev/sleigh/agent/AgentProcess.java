package dev.sleigh.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent child process in its own process group (started through {@code setsid}, so its
 * group id is its pid). Its stdin gets the given text and is closed; its stdout lines, and its
 * stderr lines when asked, go to the consumer as activity; both go to the log file. {@link
 * #stop(Duration)} ends the whole tree.
 */
public final class AgentProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Duration READER_LIMIT = Duration.ofSeconds(2);

  private final Process process;
  private final ProcessTree tree;
  private final AgentLog log;
  private final List<Thread> readers = new ArrayList<>();

  private AgentProcess(Process process, boolean ownGroup, AgentLog log) {
    this.process = process;
    this.log = log;
    this.tree =
        new ProcessTree(
            process.toHandle(),
            ownGroup ? Optional.of(new ProcessGroup(process.pid())) : Optional.empty());
  }

  /** Starts the process; a program that cannot be found or run is an AgentLaunchException. */
  public static AgentProcess start(ProcessLaunch launch, Consumer<String> activity)
      throws AgentLaunchException {
    return start(launch, activity, false);
  }

  /**
   * Starts the process with its stdin kept open for {@link #send(String)}, for agents that hold a
   * conversation over stdio instead of reading one prompt; {@code launch.stdin()} is not used.
   */
  public static AgentProcess startConversation(ProcessLaunch launch, Consumer<String> activity)
      throws AgentLaunchException {
    return start(launch, activity, true);
  }

  private static AgentProcess start(
      ProcessLaunch launch, Consumer<String> activity, boolean conversation)
      throws AgentLaunchException {
    Map<String, String> env = ChildEnvironment.of(System.getenv(), launch.env());
    Path program = ProgramLocator.locate(launch.program(), launch.cwd(), env);
    boolean ownGroup = Files.isExecutable(SETSID);
    List<String> argv = new ArrayList<>();
    if (ownGroup) {
      argv.add(SETSID.toString());
    }
    argv.add(program.toString());
    argv.addAll(launch.argv().subList(1, launch.argv().size()));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(launch.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return launch(pb, launch, ownGroup, activity, conversation);
  }

  private static AgentProcess launch(
      ProcessBuilder pb,
      ProcessLaunch launch,
      boolean ownGroup,
      Consumer<String> activity,
      boolean conversation)
      throws AgentLaunchException {
    AgentLog log;
    try {
      log = AgentLog.append(launch.logFile());
    } catch (IOException e) {
      throw new AgentLaunchException("cannot open the agent log " + launch.logFile(), e);
    }
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      log.close();
      throw new AgentLaunchException("cannot start agent program '" + launch.program() + "'", e);
    }
    LOG.debug(
        "Started agent pid {} ({}); its output goes to {}",
        process.pid(),
        launch.program(),
        launch.logFile());
    AgentProcess started = new AgentProcess(process, ownGroup, log);
    started.wire(launch, activity, conversation);
    return started;
  }

  private void wire(ProcessLaunch launch, Consumer<String> activity, boolean conversation) {
    Consumer<String> quiet = line -> {};
    readers.add(read("stdout", process.getInputStream(), activity));
    readers.add(
        read("stderr", process.getErrorStream(), launch.stderrIsActivity() ? activity : quiet));
    if (!conversation) {
      Thread.ofVirtual().name("agent-stdin-" + process.pid()).start(() -> feed(launch.stdin()));
    }
  }

  private Thread read(String stream, InputStream in, Consumer<String> activity) {
    return Thread.ofVirtual()
        .name("agent-" + stream + "-" + process.pid())
        .start(
            () -> {
              var decoded = new InputStreamReader(in, StandardCharsets.UTF_8);
              try (BufferedReader r = new BufferedReader(decoded)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  log.line(line);
                  report(activity, line);
                }
              } catch (IOException e) {
                // the stream closed under us because the tree was stopped
              }
            });
  }

  private static void report(Consumer<String> activity, String line) {
    try {
      activity.accept(line);
    } catch (RuntimeException e) {
      LOG.warn("An activity listener failed on a line of agent output; output keeps flowing", e);
    }
  }

  private void feed(String stdin) {
    try (OutputStream out = process.getOutputStream()) {
      out.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the agent closed its stdin or exited without reading all of it: its own business
    }
  }

  /**
   * Writes one line to the stdin of a process started by {@link #startConversation}; an agent that
   * exited or closed its stdin makes this an IOException.
   */
  public synchronized void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  public long pid() {
    return process.pid();
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

  /** Waits up to {@code limit} for the process to exit. */
  public boolean waitFor(Duration limit) throws InterruptedException {
    return process.waitFor(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits up to {@code limit} for the output to be read to its end, so every line has been
   * reported; a background child that keeps the pipes open makes this return false.
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

  /** Ends the whole process tree: TERM, up to {@code grace} to exit, then KILL. */
  public void stop(Duration grace) {
    tree.stop(grace);
  }

  /** Kills whatever is left of the tree at once and releases the log. */
  @Override
  public void close() {
    stop(Duration.ZERO);
    try {
      awaitOutput(READER_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.close();
  }
}
