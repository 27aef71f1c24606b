package dev.sleigh.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sleigh's tool server for one agent session ({@code sleigh mcp}, MCP over stdio): the program the
 * agent starts, with its arguments, under {@code name}. Each agent kind writes it into its own MCP
 * configuration; the server is bound to the session's commission and lease.
 *
 * @param name the server's name in the agent's configuration; its tools are {@code name}'s
 * @param command the program and its arguments
 * @param env variables the server needs beyond what the agent passes on
 */
public record ToolServer(String name, List<String> command, Map<String, String> env) {
  /** The name Sleigh's server has in every agent's configuration. */
  public static final String NAME = "sleigh";

  public ToolServer {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a tool server needs a program to run");
    }
    env = Map.copyOf(env);
  }

  public String program() {
    return command.getFirst();
  }

  public List<String> args() {
    return command.subList(1, command.size());
  }
}
