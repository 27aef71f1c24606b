package dev.sleigh.store;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WorkCommission authority: every state change is one transaction that checks its
 * preconditions, appends events and updates the commission row, or changes nothing.
 */
public interface CommissionStore extends AutoCloseable {

  /**
   * Create-or-ignore: a new id is created {@code queued}; the same id with the same snapshot is a
   * no-op ({@code applied=false}); different content under an existing id is refused with {@code
   * intake_conflict} and leaves an {@code intake_conflict} event, state untouched.
   */
  CommandResult intake(Commission commission, String commandId);

  /**
   * Creates several commissions all or nothing: either every one is created (or already exists with
   * the same content) or none is, and the first refusal is returned.
   */
  List<CommandResult> intakeAll(List<Commission> commissions);

  /** Applies one command to one existing commission. */
  CommandResult execute(Command command);

  /**
   * Applies several commands in one transaction, in order, each with its own result: a refused
   * command changes nothing, the others still apply. For operators acting on many commissions.
   */
  List<CommandResult> executeAll(List<Command> commands);

  /** Claims the next runnable commission: priority, then age; empty when none can run now. */
  Optional<Claimed> claim(Claim claim);

  /** A watch that says when work to claim may have arrived; the caller closes it. */
  WorkWatch watchWork();

  /** Expires dead leases and lapsed commissions and blocks orphaned dependants. */
  SweepReport sweep(RetryPolicy policy);

  Optional<CommissionRecord> find(String id);

  List<CommissionRecord> list(Optional<CommissionState> state);

  /**
   * Every {@link Counters counter} the store keeps, summed, zeros left out: kept in the transaction
   * of what they count, read with one query whatever the size of the history.
   */
  Map<CounterKey, Long> counters();

  /** How many commissions are in each state (states with none are left out), from the counters. */
  Map<CommissionState, Long> countByState();

  /**
   * The most recently updated commissions in {@code state}, newest first, at most {@code limit}.
   */
  List<CommissionRecord> recent(CommissionState state, int limit);

  /** Events of one commission with {@code seq > afterSeq}, in order. */
  List<Event> events(String id, long afterSeq);

  List<RuntimeRun> runs(String commissionId);

  /** Runs on {@code host} that ended since {@code since} and had started an agent process. */
  List<RuntimeRun> endedRunsWithAgents(String host, Instant since);

  /** Notes the agent process a run started, for orphan clean-up by a later runner. */
  void recordAgent(String runId, RuntimeRun.AgentProcessRef agent);

  List<EvidenceRecord> evidence(String commissionId);

  /** The pack of checkpoint {@code commit} of the commission, as stored with its event. */
  Optional<byte[]> checkpointPack(String commissionId, String commit);

  /** Every checkpoint the store keeps for the commission, oldest first, without their packs. */
  List<StoredCheckpoint> checkpoints(String commissionId);

  /**
   * Removes every checkpoint of a commission that has ended ({@code gc} after the retention);
   * returns how many went. The events that named them stay: they are the history.
   */
  int removeCheckpoints(String commissionId);

  Decisions decisions();

  Runners runners();

  Plans plans();

  /** Publications of completed commissions to their projection targets. */
  Projections projections();

  /** Re-derives every commission's row from its events and lists the disagreements. */
  List<VerifyProblem> verify();

  /**
   * The database's own integrity check (SQLite {@code integrity_check}, or {@code quick_check} when
   * {@code quick}; PostgreSQL {@code amcheck} where it is installed). Damage is a problem of the
   * report, not an exception; only a store that cannot be reached throws.
   */
  IntegrityReport checkIntegrity(boolean quick);

  /**
   * Writes a consistent copy of the whole store to {@code target}, which must not exist, while
   * runners go on writing; the copy is complete and checked before it appears under that name.
   * Refused with {@code invalid} where the database offers no such copy (PostgreSQL: pg_dump).
   */
  BackupReport backup(Path target);

  /** What a backup wrote. */
  record BackupReport(Path file, long bytes, int commissions, long events) {}

  @Override
  void close();

  /** What one sweep did. */
  record SweepReport(List<String> leasesExpired, List<String> expired, List<String> blocked) {
    public int total() {
      return leasesExpired.size() + expired.size() + blocked.size();
    }
  }

  /** A checkpoint the store keeps, and when it was stored. */
  record StoredCheckpoint(CheckpointRef ref, Instant storedAt) {}

  /** A commission whose row is not what its events say. */
  record VerifyProblem(String commissionId, String problem) {}
}
