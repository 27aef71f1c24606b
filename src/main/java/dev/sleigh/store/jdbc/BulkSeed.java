package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.store.CommissionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * For benchmarks only: fills a store with many copies of one commission it already holds, written
 * straight into the tables in large transactions instead of command by command. Each copy has its
 * own spec (so its own snapshot) and the template's event log under its own id, so {@code verify}
 * finds nothing wrong with it; runs, command ids and checkpoints are not copied.
 */
public final class BulkSeed {
  private static final int PER_TRANSACTION = 5_000;

  private BulkSeed() {}

  /**
   * Writes {@code count} copies of commission {@code templateId}; copy {@code i} has the spec
   * {@code spec.apply(i)}, whose id must be new to the store.
   */
  public static void copies(
      CommissionStore store, String templateId, int count, IntFunction<Commission> spec) {
    Database db = ((JdbcCommissionStore) store).database();
    List<Event> log = db.transaction(c -> CommissionRows.events(c, templateId, 0));
    for (int from = 0; from < count; from += PER_TRANSACTION) {
      int start = from;
      int end = Math.min(count, from + PER_TRANSACTION);
      db.transaction(
          c -> {
            for (int i = start; i < end; i++) {
              Commission s = spec.apply(i);
              List<Event> events = copyOf(log, s);
              CommissionRecord created = CommissionRecord.created(s, events.getFirst());
              CommissionRecord row = CommissionRecord.replay(s, events);
              CommissionRows.insert(c, created);
              CommissionRows.append(c, List.of(), events);
              CommissionRows.update(c, created, row);
              LedgerRows.insertLocksAndDeps(c, s);
            }
            return null;
          });
    }
  }

  private static List<Event> copyOf(List<Event> log, Commission spec) {
    List<Event> out = new ArrayList<>(log.size());
    for (Event e : log) {
      Map<String, Object> data = e.data();
      if (e.type() == EventType.CREATED) {
        data = new LinkedHashMap<>(data);
        data.put("spec", spec.canonical());
        data.put("snapshot_hash", spec.snapshotHash());
      }
      out.add(
          new Event(
              spec.id(),
              e.seq(),
              e.generation(),
              e.type(),
              e.phase(),
              e.attempt(),
              e.epoch(),
              e.at(),
              e.commandId(),
              data));
    }
    return out;
  }
}
