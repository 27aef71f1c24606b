package dev.sleigh.agent.demo;

import dev.sleigh.agent.Agent;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.command.CommandAgent;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The built-in agent of the quick start: offline, deterministic, no API key. It is a real child
 * process (this JVM's java running {@link DemoAgentMain} on this JVM's class path), run like a
 * command agent, that carries out the create/append/replace lines of its prompt.
 */
public final class DemoAgent implements Agent {
  public static final String KIND = "demo";

  private final CommandAgent command;

  public DemoAgent(Map<String, String> env, InstantSource clock) {
    this.command = new CommandAgent(KIND, argv(), env, clock);
  }

  /** The argv that starts the demo program with the running JVM. */
  public static List<String> argv() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(
        java,
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        DemoAgentMain.class.getName());
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public AgentSession start(SessionSpec spec) throws AgentLaunchException {
    return command.start(spec);
  }
}
