package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommandResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Create-or-ignore of commissions, one or all-or-nothing. */
final class Intake {
  private Intake() {}

  /** Undoes a whole intake whose list held a refusal, carrying the results out. */
  private static final class RolledBack extends RuntimeException {
    private final transient List<CommandResult> results;

    RolledBack(List<CommandResult> results) {
      super(null, null, false, false);
      this.results = results;
    }
  }

  static CommandResult apply(Connection c, Commission spec, String commandId, Instant now)
      throws SQLException {
    Optional<CommissionRecord> existing = CommissionRows.find(c, spec.id(), "");
    String snapshot = spec.snapshotHash();
    if (existing.isEmpty()) {
      return create(c, spec, snapshot, commandId, now);
    }
    CommissionRecord r = existing.get();
    if (r.snapshotHash().equals(snapshot)) {
      return new CommandResult.Done(false, r, List.of());
    }
    Event conflict =
        new Event(
            r.id(),
            r.lastSeq() + 1,
            r.generation(),
            EventType.INTAKE_CONFLICT,
            null,
            0,
            r.lease().epoch(),
            now,
            commandId,
            Map.of("snapshot_hash", snapshot, "current_snapshot_hash", r.snapshotHash()));
    CommissionRows.append(c, CommissionRows.events(c, r.id(), 0), List.of(conflict));
    CommissionRows.update(c, r, r.apply(conflict));
    return new CommandResult.Refused(
        new StoreError(
            ErrorCode.INTAKE_CONFLICT,
            "commission '"
                + r.id()
                + "' already exists with different content (snapshot "
                + r.snapshotHash().substring(0, 12)
                + ", offered "
                + snapshot.substring(0, 12)
                + "); it was left as it is",
            r.state(),
            null));
  }

  private static CommandResult create(
      Connection c, Commission spec, String snapshot, String commandId, Instant now)
      throws SQLException {
    if (spec.validUntil() != null && !now.isBefore(spec.validUntil())) {
      return new CommandResult.Refused(
          new StoreError(
              ErrorCode.INVALID,
              "commission '"
                  + spec.id()
                  + "': valid_until "
                  + spec.validUntil()
                  + " has already passed (it is "
                  + now
                  + "); nothing was created",
              null,
              null));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("spec", spec.canonical());
    data.put("snapshot_hash", snapshot);
    data.put("valid_until", spec.effectiveValidUntil(now).toString());
    Event created = new Event(spec.id(), 1, 1, EventType.CREATED, null, 0, 0, now, commandId, data);
    CommissionRecord r = CommissionRecord.created(spec, created);
    CommissionRows.insert(c, r);
    CommissionRows.append(c, List.of(), List.of(created));
    LedgerRows.insertLocksAndDeps(c, spec);
    if (commandId != null) {
      LedgerRows.recordCommand(c, spec.id(), commandId, "create", List.of(created));
    }
    return new CommandResult.Done(true, r, List.of(created));
  }

  /**
   * All or nothing: when any commission conflicts, nothing is created; the conflicts alone are then
   * recorded, each in its own transaction, as the trace SPEC §3.2 asks for.
   */
  static List<CommandResult> all(Database db, List<Commission> specs, Supplier<Instant> now) {
    List<CommandResult> results;
    try {
      results =
          db.transaction(
              c -> {
                List<CommandResult> out = new ArrayList<>();
                for (Commission spec : specs) {
                  out.add(apply(c, spec, null, now.get()));
                }
                if (out.stream().anyMatch(r -> r instanceof CommandResult.Refused)) {
                  throw new RolledBack(out);
                }
                return out;
              });
    } catch (RolledBack undone) {
      results = undone.results;
    }
    if (results.stream().noneMatch(r -> r instanceof CommandResult.Refused)) {
      return results;
    }
    for (int i = 0; i < specs.size(); i++) {
      if (results.get(i) instanceof CommandResult.Refused) {
        Commission spec = specs.get(i);
        db.transaction(c -> apply(c, spec, null, now.get()));
      }
    }
    return results;
  }
}
