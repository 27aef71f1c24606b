package dev.sleigh.agent.command;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentProcess;
import dev.sleigh.agent.ProcessLaunch;
import dev.sleigh.agent.ProcessPerTurnSession;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.StallWatch;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.ToolServer;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.agent.TurnWait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** One phase attempt of a command agent: a fresh process per turn, none between turns. */
final class CommandSession extends ProcessPerTurnSession {
  /** What the session runs, for whom, and where. */
  record Setup(List<String> argv, Map<String, String> env, SessionSpec spec) {}

  private final Setup setup;
  private final InstantSource clock;

  CommandSession(Setup setup, InstantSource clock) {
    super(setup.spec().timeouts().cancelGrace());
    this.setup = setup;
    this.clock = clock;
  }

  /** The agent's configured environment, then the session's, then the variables of the turn. */
  static Map<String, String> configuredEnv(Map<String, String> agentEnv, SessionSpec spec) {
    Map<String, String> env = new HashMap<>(agentEnv);
    env.putAll(spec.env());
    env.put("SLEIGH_COMMISSION_ID", spec.commission().id());
    env.put("SLEIGH_PHASE", spec.phase().wire());
    env.put("SLEIGH_ATTEMPT", Integer.toString(spec.attempt()));
    env.put("SLEIGH_WORKSPACE", spec.workspace().toAbsolutePath().toString());
    spec.toolServer().ifPresent(t -> env.putAll(toolVariables(t)));
    return env;
  }

  /**
   * A command agent speaks no MCP of its own, so it is told how to start Sleigh's tool server: its
   * command line shell-quoted ({@code SLEIGH_MCP_COMMAND}, for {@code eval}), with the variables
   * the server needs.
   */
  static Map<String, String> toolVariables(ToolServer tools) {
    Map<String, String> env = new HashMap<>(tools.env());
    env.put(
        "SLEIGH_MCP_COMMAND",
        tools.command().stream()
            .map(a -> "'" + a.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" ")));
    return env;
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnListener listener) throws InterruptedException {
    if (cancel.isDone()) {
      return new TurnOutcome.Cancelled();
    }
    StallWatch watch = new StallWatch(clock);
    // Lines are handed on only once the session knows its process: whoever reads a line may ask
    // for the agent's pid, and the first line can arrive before start() has returned.
    CountDownLatch known = new CountDownLatch(1);
    AgentProcess process;
    try {
      process =
          AgentProcess.start(
              launch(turn),
              line -> {
                awaitKnown(known);
                watch.touch();
                listener.activity(line);
              });
    } catch (AgentLaunchException e) {
      return e.outcome();
    }
    // Silence counts from the moment the agent runs: a slow launch is not the agent's silence.
    watch.touch();
    try {
      current = process;
      listener.processStarted(process.pid());
    } finally {
      known.countDown();
    }
    try {
      return new TurnWait(clock, setup.spec().timeouts(), cancel)
          .await(process, watch, CommandSession::forExit);
    } finally {
      process.stop(setup.spec().timeouts().cancelGrace());
      process.close();
      current = null;
    }
  }

  private static void awaitKnown(CountDownLatch known) {
    boolean interrupted = false;
    while (true) {
      try {
        known.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private ProcessLaunch launch(Turn turn) throws AgentLaunchException {
    SessionSpec spec = setup.spec();
    Path promptFile = writePrompt(turn);
    Map<String, String> env = configuredEnv(setup.env(), spec);
    env.put("SLEIGH_TURN", Integer.toString(turn.number()));
    env.put("SLEIGH_PROMPT_FILE", promptFile.toString());
    return new ProcessLaunch(
        setup.argv(), spec.workspace(), env, turn.prompt(), spec.logFile(), true);
  }

  private Path writePrompt(Turn turn) throws AgentLaunchException {
    Path log = setup.spec().logFile().toAbsolutePath();
    Path file = log.resolveSibling(log.getFileName() + ".turn-" + turn.number() + ".prompt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, turn.prompt(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new AgentLaunchException("cannot write the prompt file " + file, e);
    }
  }

  private static TurnOutcome forExit(int code) {
    return code == 0
        ? new TurnOutcome.Completed(TokenUsage.NONE)
        : new TurnOutcome.Failed("exit_code:" + code, true);
  }
}
