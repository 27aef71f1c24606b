package dev.sleigh.runtime;

import dev.sleigh.agent.Agent;
import dev.sleigh.runtime.projection.ProjectionDesk;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.Workspaces;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;

/** The collaborators a runner works with, built by the composition root. */
public record RunnerContext(
    CommissionStore store,
    Agent agent,
    Workspaces workspaces,
    Prompts prompts,
    InstantSource clock,
    RunnerSettings settings,
    ProcessIdentity self,
    RuntimeLog log,
    ProjectionDesk.Setup projection) {

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
        store, agent, workspaces, prompts, clock, settings, self, log.and(other), projection);
  }

  /** The same context publishing projections with {@code setup}. */
  public RunnerContext withProjection(ProjectionDesk.Setup setup) {
    return new RunnerContext(store, agent, workspaces, prompts, clock, settings, self, log, setup);
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
