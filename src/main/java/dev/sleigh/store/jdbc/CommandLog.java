package dev.sleigh.store.jdbc;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.Ids;
import dev.sleigh.lifecycle.CheckpointPack;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.CommandDecider;
import dev.sleigh.lifecycle.CommandDecider.Verdict;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Applies commands: each one is a precondition read under the row lock, the decider's verdict, and
 * its events, folded row, command id and ledger written in the same transaction. The store's
 * facade, {@link Claims} and {@link Sweeper} all write through it, so none of them needs another.
 */
final class CommandLog {
  private final Database db;
  private final InstantSource clock;
  private final CommandDecider decider;
  private final Ids ids;

  CommandLog(Database db, InstantSource clock, RandomGenerator random) {
    this.db = db;
    this.clock = clock;
    this.decider = new CommandDecider(random);
    this.ids = new Ids(clock, random);
  }

  /** The store's time: milliseconds, as the columns hold it. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  String newLeaseId() {
    return ids.next("ls-");
  }

  CommandDecider decider() {
    return decider;
  }

  /** One command in a transaction of its own. */
  CommandResult execute(Command command) {
    return guarded(() -> db.transaction(c -> executeIn(c, command)));
  }

  /** One command inside the caller's transaction; a command id seen before answers as before. */
  CommandResult executeIn(Connection c, Command command) throws SQLException {
    Optional<CommissionRecord> found =
        CommissionRows.find(c, command.commissionId(), db.dialect().forUpdate());
    if (found.isEmpty()) {
      return notFound(command.commissionId());
    }
    CommissionRecord r = found.get();
    if (command.commandId() != null) {
      Optional<LedgerRows.Appended> seen =
          LedgerRows.appliedCommand(c, r.id(), command.commandId());
      if (seen.isPresent()) {
        List<Event> first = CommissionRows.events(c, r.id(), seen.get().first(), seen.get().last());
        return new CommandResult.Done(false, r, first);
      }
    }
    List<Event> history = CommissionRows.events(c, r.id(), 0);
    Instant now = now();
    CommandResult result =
        apply(
            c,
            r,
            history,
            decider.decide(r, history, command, now),
            command.commandId(),
            command.kind().wire());
    if (result instanceof CommandResult.Done done && done.applied()) {
      // The pack is stored in the transaction of the event that names it, or not at all.
      Optional<CheckpointPack> pack = carried(command);
      if (pack.isPresent()) {
        CheckpointRows.insert(c, r.id(), pack.get(), now);
      }
    }
    return result;
  }

  private static Optional<CheckpointPack> carried(Command command) {
    return switch (command) {
      case Command.RecordTurn t -> Optional.of(t.checkpoint());
      case Command.PhasePassed p -> Optional.ofNullable(p.checkpoint());
      default -> Optional.empty();
    };
  }

  /**
   * Writes a verdict: events, the folded row (fenced), the command id, runs and evidence; {@code
   * history} is the commission's log so far, which the counters of the new events depend on.
   */
  CommandResult apply(
      Connection c,
      CommissionRecord r,
      List<Event> history,
      Verdict verdict,
      String commandId,
      String kind)
      throws SQLException {
    return switch (verdict) {
      case Verdict.Refuse refuse -> new CommandResult.Refused(refuse.error());
      case Verdict.AlreadyHolds holds -> new CommandResult.Done(false, r, List.of());
      case Verdict.Append append -> {
        CommissionRecord next = r;
        for (Event e : append.events()) {
          next = next.apply(e);
        }
        if (append.lease() != null) {
          next = next.withLease(append.lease());
        }
        CommissionRows.append(c, history, append.events());
        CommissionRows.update(c, r, next);
        if (!append.events().isEmpty()) {
          if (commandId != null) {
            LedgerRows.recordCommand(c, r.id(), commandId, kind, append.events());
          }
          LedgerRows.follow(c, append.events());
          ProjectionRows.follow(c, r.spec(), append.events());
        }
        yield new CommandResult.Done(true, next, append.events());
      }
    };
  }

  static CommandResult notFound(String id) {
    return new CommandResult.Refused(
        StoreError.of(ErrorCode.NOT_FOUND, "no commission '" + id + "'"));
  }

  /** Contention and lost connections become retryable refusals instead of exceptions. */
  static CommandResult guarded(Supplier<CommandResult> work) {
    try {
      return work.get();
    } catch (StoreException e) {
      if (e.error().retryable()) {
        return new CommandResult.Refused(e.error());
      }
      throw e;
    }
  }
}
