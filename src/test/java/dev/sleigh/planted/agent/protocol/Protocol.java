package dev.sleigh.planted.agent.protocol;

import dev.sleigh.planted.agent.Port;
import dev.sleigh.planted.process.Launch;
import dev.sleigh.planted.workspace.Tree;

/** Uses the process room (allowed) and a workspace (not allowed). */
public final class Protocol implements Port {
  public String describe() {
    return Launch.class.getName() + Tree.class.getName();
  }
}
