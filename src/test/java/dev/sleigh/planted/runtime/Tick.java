package dev.sleigh.planted.runtime;

import dev.sleigh.planted.agent.Port;
import dev.sleigh.planted.agent.protocol.Protocol;
import dev.sleigh.planted.store.Ledger;
import dev.sleigh.planted.store.jdbc.Sql;
import java.io.IOException;

/** Uses the store's and the agent's ports (allowed), SQL and a protocol (not allowed). */
public final class Tick {
  private Tick() {}

  public static String name() {
    return Ledger.class.getName()
        + Port.class.getName()
        + Sql.class.getName()
        + Protocol.class.getName();
  }

  /** Starts a program itself instead of through the process room. */
  public static Process shell() throws IOException {
    return Runtime.getRuntime().exec(new String[] {"true"});
  }
}
