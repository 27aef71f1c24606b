package dev.sleigh.store.jdbc;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.CounterKey;
import dev.sleigh.store.Counters;
import dev.sleigh.store.Decisions;
import dev.sleigh.store.EvidenceRecord;
import dev.sleigh.store.IntegrityReport;
import dev.sleigh.store.Plans;
import dev.sleigh.store.Projections;
import dev.sleigh.store.Runners;
import dev.sleigh.store.RuntimeRun;
import dev.sleigh.store.WorkWatch;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The store on SQL: each command is one transaction of precondition, events and row update. */
public final class JdbcCommissionStore implements CommissionStore {
  private static final String LIST =
      "SELECT " + CommissionRows.COLUMNS + " FROM commissions ORDER BY created_at, id";
  private static final String LIST_BY_STATE =
      "SELECT "
          + CommissionRows.COLUMNS
          + " FROM commissions WHERE state = ? ORDER BY created_at, id";

  private final Database db;
  private final CommandLog log;
  private final Claims claims;
  private final Decisions decisions;
  private final Runners runners;
  private final WorkBell bell = new WorkBell();
  private final Plans plans;
  private final Projections projections;

  JdbcCommissionStore(Database db, InstantSource clock, RandomGenerator random) {
    this.db = db;
    this.log = new CommandLog(db, clock, random);
    this.claims = new Claims(log, db.dialect());
    this.decisions = new JdbcDecisions(db, log::now);
    this.runners = new JdbcRunners(db, log::now);
    this.plans = new JdbcPlans(db, log, this::announceWork);
    this.projections = new JdbcProjections(db, log::now);
  }

  /** The database under the store, for {@link BulkSeed}. */
  Database database() {
    return db;
  }

  @Override
  public CommandResult intake(Commission commission, String commandId) {
    return announced(
        CommandLog.guarded(
            () -> db.transaction(c -> Intake.apply(c, commission, commandId, log.now()))));
  }

  @Override
  public List<CommandResult> intakeAll(List<Commission> commissions) {
    return announcedAll(Intake.all(db, commissions, log::now));
  }

  @Override
  public CommandResult execute(Command command) {
    return announced(log.execute(command));
  }

  @Override
  public List<CommandResult> executeAll(List<Command> commands) {
    return announcedAll(
        db.transaction(
            c -> {
              List<CommandResult> results = new ArrayList<>();
              for (Command command : commands) {
                results.add(log.executeIn(c, command));
              }
              return results;
            }));
  }

  @Override
  public WorkWatch watchWork() {
    return db.watchWork(bell);
  }

  private CommandResult announced(CommandResult result) {
    if (leftClaimable(result)) {
      announceWork();
    }
    return result;
  }

  private List<CommandResult> announcedAll(List<CommandResult> results) {
    if (results.stream().anyMatch(this::leftClaimable)) {
      announceWork();
    }
    return results;
  }

  /** Tells the watches of this process and of others that work may be waiting. */
  private void announceWork() {
    bell.ring();
    db.announceWork();
  }

  /**
   * Whether a command just made a commission claimable that was not: created, requeued, approved,
   * released, or failed with a retry ahead (the poll finds it once the retry is due).
   */
  private boolean leftClaimable(CommandResult result) {
    return result instanceof CommandResult.Done done
        && done.applied()
        && !done.events().isEmpty()
        && (done.record().state().leasable() || done.record().state() == CommissionState.QUEUED)
        && !(done.record().lease() instanceof Lease.Held held && held.liveAt(log.now()));
  }

  @Override
  public Optional<byte[]> checkpointPack(String commissionId, String commit) {
    return db.transaction(c -> CheckpointRows.pack(c, commissionId, commit));
  }

  @Override
  public List<StoredCheckpoint> checkpoints(String commissionId) {
    return db.transaction(c -> CheckpointRows.all(c, commissionId));
  }

  @Override
  public int removeCheckpoints(String commissionId) {
    return db.transaction(c -> CheckpointRows.deleteAll(c, commissionId));
  }

  @Override
  public Optional<Claimed> claim(Claim claim) {
    // Taken before the transaction may wait for the store: see Claims.claim.
    Instant asked = log.now();
    return db.transaction(c -> claims.claim(c, claim, asked));
  }

  @Override
  public SweepReport sweep(RetryPolicy policy) {
    return new Sweeper(log, db).sweep(policy, log.now());
  }

  @Override
  public Optional<CommissionRecord> find(String id) {
    return db.transaction(c -> CommissionRows.find(c, id, ""));
  }

  @Override
  public List<CommissionRecord> list(Optional<CommissionState> state) {
    return db.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(state.isPresent() ? LIST_BY_STATE : LIST)) {
            if (state.isPresent()) {
              p.setString(1, state.get().wire());
            }
            List<CommissionRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(CommissionRows.map(rs));
              }
            }
            return out;
          }
        });
  }

  static final String RECENT =
      "SELECT "
          + CommissionRows.COLUMNS
          + " FROM commissions WHERE state = ? ORDER BY updated_at DESC, id LIMIT ?";

  @Override
  public Map<CounterKey, Long> counters() {
    return db.transaction(CounterRows::read);
  }

  @Override
  public Map<CommissionState, Long> countByState() {
    Map<CommissionState, Long> counts = new EnumMap<>(CommissionState.class);
    counters()
        .forEach(
            (key, value) -> {
              if (key.name().equals(Counters.COMMISSIONS) && value != 0) {
                counts.put(CommissionState.fromWire(key.label()).orElseThrow(), value);
              }
            });
    return counts;
  }

  @Override
  public List<CommissionRecord> recent(CommissionState state, int limit) {
    return db.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(RECENT)) {
            p.setString(1, state.wire());
            p.setInt(2, limit);
            List<CommissionRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(CommissionRows.map(rs));
              }
            }
            return out;
          }
        });
  }

  @Override
  public List<Event> events(String id, long afterSeq) {
    return db.transaction(c -> CommissionRows.events(c, id, afterSeq));
  }

  @Override
  public List<RuntimeRun> runs(String commissionId) {
    return db.transaction(c -> LedgerRows.runs(c, commissionId));
  }

  @Override
  public List<RuntimeRun> endedRunsWithAgents(String host, Instant since) {
    return db.transaction(c -> LedgerRows.endedWithAgents(c, host, since));
  }

  @Override
  public void recordAgent(String runId, RuntimeRun.AgentProcessRef agent) {
    db.transaction(
        c -> {
          LedgerRows.recordAgent(c, runId, agent);
          return null;
        });
  }

  @Override
  public List<EvidenceRecord> evidence(String commissionId) {
    return db.transaction(c -> LedgerRows.evidence(c, commissionId));
  }

  @Override
  public Decisions decisions() {
    return decisions;
  }

  @Override
  public Runners runners() {
    return runners;
  }

  @Override
  public Plans plans() {
    return plans;
  }

  @Override
  public Projections projections() {
    return projections;
  }

  @Override
  public List<VerifyProblem> verify() {
    return new Verifier(db).verify();
  }

  @Override
  public IntegrityReport checkIntegrity(boolean quick) {
    return new IntegrityCheck(db).run(quick);
  }

  @Override
  public BackupReport backup(Path target) {
    return Backups.write(db, target);
  }

  @Override
  public void close() {
    db.close();
  }
}
