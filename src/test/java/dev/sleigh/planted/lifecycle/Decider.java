package dev.sleigh.planted.lifecycle;

import dev.sleigh.planted.domain.Fact;
import dev.sleigh.planted.store.Ledger;

/** Decides over the domain (allowed) and reaches up into the store's port (not allowed). */
public final class Decider {
  private Decider() {}

  public static boolean decide(Fact fact, Ledger ledger) {
    return ledger.find(fact.id()) != null;
  }
}
