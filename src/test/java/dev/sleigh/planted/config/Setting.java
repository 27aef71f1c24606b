package dev.sleigh.planted.config;

import dev.sleigh.planted.domain.Fact;
import dev.sleigh.planted.store.Ledger;

/** Uses the domain (allowed) and the store (not allowed). */
public final class Setting {
  private Setting() {}

  public static String describe() {
    return Fact.class.getName() + Ledger.class.getName();
  }
}
