package dev.sleigh.store;

import dev.sleigh.domain.Decision;
import java.util.List;
import java.util.Optional;

/** Decisions and their revisions. Refusals are {@link StoreException}s with a typed error. */
public interface Decisions {
  Decision add(String id, String title, String body);

  /** A new revision with a new hash; the title stays unless {@code title} is given. */
  Decision revise(String id, String title, String body);

  Decision supersede(String id, String by);

  Optional<Decision> find(String id);

  List<Decision> list();
}
