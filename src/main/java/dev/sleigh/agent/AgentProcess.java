package dev.sleigh.agent;

import dev.sleigh.process.Child;
import dev.sleigh.process.ChildLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: a {@link Child} whose stdout lines, and stderr lines when asked, go to the
 * consumer as activity and to the log file; stderr that is not activity is appended to the log file
 * directly. The prompt reaches its stdin from a file, so no thread of the runner waits on an agent
 * that does not read. {@link #stop(Duration)} ends the whole tree.
 */
public final class AgentProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);

  private final Child child;
  private final AgentLog log;
  private final Path stdinFile;

  private AgentProcess(Child child, AgentLog log, Path stdinFile) {
    this.child = child;
    this.log = log;
    this.stdinFile = stdinFile;
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
    Map<String, String> env;
    try {
      env = ChildEnvironment.forAgent(System.getenv(), launch.env());
    } catch (IllegalArgumentException e) {
      throw new AgentLaunchException(AgentFailure.ENV_MISSING, "agent.env." + e.getMessage(), e);
    }
    Path program = ProgramLocator.locate(launch.program(), launch.cwd(), env);
    AgentLog log = openLog(launch.logFile());
    Path stdin = null;
    try {
      ChildLaunch.Input input;
      if (conversation) {
        input = new ChildLaunch.Input.Pipe();
      } else {
        stdin = stdinFile(launch);
        input = new ChildLaunch.Input.FromFile(stdin);
      }
      Consumer<String> lines =
          line -> {
            log.line(line);
            activity.accept(line);
          };
      var argv = new ArrayList<String>();
      argv.add(program.toString());
      argv.addAll(launch.argv().subList(1, launch.argv().size()));
      Child child =
          Child.start(
              new ChildLaunch(
                  argv,
                  launch.cwd(),
                  env,
                  input,
                  launch.stderrIsActivity()
                      ? new ChildLaunch.Output.Lines(lines, null)
                      : new ChildLaunch.Output.TwoStreams(lines, log::line)));
      LOG.debug(
          "Started agent pid {} ({}); its output goes to {}",
          child.pid(),
          launch.program(),
          launch.logFile());
      return new AgentProcess(child, log, stdin);
    } catch (IOException e) {
      log.close();
      deleteQuietly(stdin);
      throw new AgentLaunchException("cannot start agent program '" + launch.program() + "'", e);
    }
  }

  private static AgentLog openLog(Path file) throws AgentLaunchException {
    try {
      return AgentLog.append(file);
    } catch (IOException e) {
      throw new AgentLaunchException("cannot open the agent log " + file, e);
    }
  }

  /** The stdin text in a file beside the log, read by the agent and removed once it ends. */
  private static Path stdinFile(ProcessLaunch launch) throws IOException {
    Path log = launch.logFile().toAbsolutePath();
    Path file = Files.createTempFile(log.getParent(), log.getFileName() + ".", ".stdin");
    Files.writeString(file, launch.stdin(), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Writes one line to the stdin of a process started by {@link #startConversation}; an agent that
   * exited or closed its stdin makes this an IOException.
   */
  public void send(String line) throws IOException {
    child.send(line);
  }

  /** The child process, for watches on it. */
  public Child child() {
    return child;
  }

  public long pid() {
    return child.pid();
  }

  public boolean isAlive() {
    return child.isAlive();
  }

  /** The exit code; only once the process has exited. */
  public int exitCode() {
    return child.exitCode();
  }

  /** Completes when the root process exits. */
  public CompletableFuture<Process> onExit() {
    return child.onExit();
  }

  /** Waits up to {@code limit} for the process to exit. */
  public boolean waitFor(Duration limit) throws InterruptedException {
    return child.waitFor(limit);
  }

  /**
   * Waits up to {@code limit} for the output to be read to its end, so every line has been
   * reported; a background child that keeps the pipes open makes this return false.
   */
  public boolean awaitOutput(Duration limit) throws InterruptedException {
    return child.awaitOutput(limit);
  }

  /** Ends the whole process tree: TERM, up to {@code grace} to exit, then KILL. */
  public void stop(Duration grace) {
    child.stop(grace);
  }

  /** Kills whatever is left of the tree at once and releases the log. */
  @Override
  public void close() {
    child.close();
    log.close();
    deleteQuietly(stdinFile);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover prompt copy in the log directory is harmless
    }
  }
}
