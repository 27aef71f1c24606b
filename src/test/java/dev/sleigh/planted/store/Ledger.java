package dev.sleigh.planted.store;

import dev.sleigh.planted.domain.Fact;
import org.slf4j.Logger;

/** The store's port: uses the domain (allowed) and a logging library (not allowed). */
public interface Ledger {
  Fact find(String id);

  Logger log();
}
