package dev.sleigh.planted.store.jdbc;

import dev.sleigh.planted.runtime.Tick;
import dev.sleigh.planted.store.Ledger;

/** Uses the store's port (allowed) and reaches up to the runtime (not allowed). */
public final class Sql {
  private Sql() {}

  public static String describe() {
    return Ledger.class.getName() + Tick.name();
  }
}
