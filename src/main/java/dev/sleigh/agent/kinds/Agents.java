package dev.sleigh.agent.kinds;

import dev.sleigh.agent.Agent;
import dev.sleigh.agent.command.CommandAgent;
import dev.sleigh.agent.demo.DemoAgent;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** Picks the adapter for the configured {@code agent.kind}. */
public final class Agents {
  /** The kinds this build knows, as operators write them. */
  public static final List<String> KINDS = List.of(CommandAgent.KIND, DemoAgent.KIND);

  private Agents() {}

  /**
   * The agent of {@code kind}: {@code command} runs {@code command} (an argv list); {@code demo}
   * ignores it. {@code env} is passed to the agent's processes on top of the minimal inherited one.
   */
  public static Agent create(
      String kind, List<String> command, Map<String, String> env, InstantSource clock) {
    return switch (kind) {
      case CommandAgent.KIND -> new CommandAgent(command, env, clock);
      case DemoAgent.KIND -> new DemoAgent(env, clock);
      default -> throw new IllegalArgumentException(
          "unknown agent kind '" + kind + "'; known kinds: " + String.join(", ", KINDS));
    };
  }
}
