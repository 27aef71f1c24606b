package dev.sleigh.runtime;

import dev.sleigh.agent.Agent;
import dev.sleigh.runtime.projection.ProjectionDesk;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.Workspaces;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.List;

/**
 * The collaborators a runner works with, built by the composition root. {@code toolCommand} starts
 * {@code sleigh} itself with the options that find this runner's store and configuration: an agent
 * session's tool server is that command with {@code mcp} and the session's commission, lease and
 * workspace; empty when agents are given no tool server.
 */
public record RunnerContext(
    CommissionStore store,
    Agent agent,
    Workspaces workspaces,
    Prompts prompts,
    InstantSource clock,
    RunnerSettings settings,
    ProcessIdentity self,
    RuntimeLog log,
    ProjectionDesk.Setup projection,
    List<String> toolCommand) {

  public RunnerContext {
    toolCommand = List.copyOf(toolCommand);
  }

  /** A context whose agents are given no tool server. */
  public RunnerContext(
      CommissionStore store,
      Agent agent,
      Workspaces workspaces,
      Prompts prompts,
      InstantSource clock,
      RunnerSettings settings,
      ProcessIdentity self,
      RuntimeLog log,
      ProjectionDesk.Setup projection) {
    this(store, agent, workspaces, prompts, clock, settings, self, log, projection, List.of());
  }

  /** A context that publishes no projections. */
  public RunnerContext(
      CommissionStore store,
      Agent agent,
      Workspaces workspaces,
      Prompts prompts,
      InstantSource clock,
      RunnerSettings settings,
      ProcessIdentity self,
      RuntimeLog log) {
    this(store, agent, workspaces, prompts, clock, settings, self, log, ProjectionDesk.Setup.NONE);
  }

  /** A context whose runner reports to no log. */
  public RunnerContext(
      CommissionStore store,
      Agent agent,
      Workspaces workspaces,
      Prompts prompts,
      InstantSource clock,
      RunnerSettings settings,
      ProcessIdentity self) {
    this(store, agent, workspaces, prompts, clock, settings, self, RuntimeLog.NONE);
  }

  /** The same context reporting to {@code other} as well. */
  public RunnerContext withLog(RuntimeLog other) {
    return new RunnerContext(
        store,
        agent,
        workspaces,
        prompts,
        clock,
        settings,
        self,
        log.and(other),
        projection,
        toolCommand);
  }

  /** The same context giving each agent session the tool server {@code command} starts. */
  public RunnerContext withTools(List<String> command) {
    return new RunnerContext(
        store, agent, workspaces, prompts, clock, settings, self, log, projection, command);
  }

  /** The same context publishing projections with {@code setup}. */
  public RunnerContext withProjection(ProjectionDesk.Setup setup) {
    return new RunnerContext(
        store, agent, workspaces, prompts, clock, settings, self, log, setup, toolCommand);
  }

  /** Where this runner process lives, for the runner registry and orphan clean-up. */
  public record ProcessIdentity(String host, long pid) {
    public static ProcessIdentity current() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
      return new ProcessIdentity(host, ProcessHandle.current().pid());
    }
  }
}
