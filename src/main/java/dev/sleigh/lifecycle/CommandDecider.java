package dev.sleigh.lifecycle;

import static dev.sleigh.domain.EventType.*;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.lifecycle.Command.PhaseFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The store's rules as a pure function: given a commission's record, its history and a command,
 * which events to append, or why the command is refused. Preconditions are checked in the order
 * fence, lifecycle table, command-specific facts, so a zombie runner always hears {@code
 * lease_fenced} and never learns more.
 */
public final class CommandDecider {

  /** What to do with a command. */
  public sealed interface Verdict {
    /** Append {@code events}; {@code lease}, when not null, replaces the folded lease. */
    record Append(List<Event> events, Lease lease) implements Verdict {}

    /** The fact already holds: succeed without appending anything. */
    record AlreadyHolds() implements Verdict {}

    record Refuse(StoreError error) implements Verdict {}
  }

  private final RandomGenerator random;

  public CommandDecider(RandomGenerator random) {
    this.random = random;
  }

  public Verdict decide(CommissionRecord r, List<Event> history, Command c, Instant now) {
    if (c instanceof Command.Fenced f) {
      Verdict fenced = fence(r, f, now);
      if (fenced != null) {
        return fenced;
      }
    }
    if (Lifecycle.transition(r.state(), c.kind()) instanceof Lifecycle.Transition.Forbidden) {
      return forbidden(
          r, c.kind(), c.kind().wire() + " is not allowed in state " + r.state().wire());
    }
    Emitter out = new Emitter(r, now, c.commandId());
    GenerationFacts facts = GenerationFacts.of(history);
    return switch (c) {
      case Command.Heartbeat h -> heartbeat(r, h, now);
      case Command.PhaseStarted s -> started(r, facts, s, out);
      case Command.PhasePassed p -> passed(r, facts, p, out);
      case Command.RecordTurn t -> turn(r, facts, t, out);
      case Command.RecordAgentApproval a -> agentApproval(r, facts, a, out);
      case Command.RecordAgentNote n ->
          append(out.emit(AGENT_NOTE, r.phase(), r.attempt(), kv("text", n.text())));
      case Command.RecordAgentEvidence e -> agentEvidence(r, e, out);
      case Command.PhaseFailed f -> failed(r, facts, f.failure(), out, now);
      case Command.Revalidate v -> append(out.emit(REVALIDATED, v.facts()));
      case Command.RecordEvidence e ->
          append(
              out.emit(
                  EVIDENCE_RECORDED, e.phase(), e.attempt(), with(e.facts(), "name", e.name())));
      case Command.WaitForHuman w ->
          append(
              out.emit(
                  WAITING_HUMAN,
                  w.phase(),
                  // a phase waits in its latest attempt, the one whose gates just passed
                  facts.started(w.phase()),
                  kv("reason", w.reason(), "snapshot_hash", r.snapshotHash())));
      case Command.Complete k -> complete(r, facts, k, out);
      case Command.Block b -> block(r, facts, b, out);
      case Command.Fail f ->
          append(out.emit(FAILED, kv("reason", f.reason(), "failure", f.failure())));
      case Command.Release rel -> append(out.emit(RELEASED, kv("reason", rel.reason())));
      case Command.Approve a -> approve(r, facts, a, out);
      case Command.Reject j ->
          needsReason(j.reason(), () -> append(out.emit(REJECTED, kv("reason", j.reason()))));
      case Command.Requeue q ->
          needsReason(
              q.reason(),
              () ->
                  append(
                      out.nextGeneration().nextEpoch().emit(REQUEUED, kv("reason", q.reason()))));
      case Command.Cancel x ->
          needsReason(
              x.reason(), () -> append(out.nextEpoch().emit(CANCELLED, kv("reason", x.reason()))));
      case Command.ExpireLease x -> expireLease(r, facts, x, out, now);
      case Command.Expire x -> expire(r, out, now);
      case Command.RecordApplied a ->
          append(out.emit(APPLIED, kv("branch", a.branch(), "commit", a.commit())));
      case Command.RecordProjection p -> projection(p.outcome(), out);
      case Command.BlockDependency d ->
          append(
              out.emit(
                  BLOCKED,
                  kv(
                      "state",
                      CommissionState.BLOCKED_POLICY.wire(),
                      "reason",
                      "dependency_not_completed:" + d.dependencyId())));
    };
  }

  /** Claims {@code r} for a new lease, or refuses when there is nothing to run or a live lease. */
  public Verdict claim(
      CommissionRecord r, List<Event> history, Claim claim, String leaseId, Instant now) {
    if (Lifecycle.transition(r.state(), CommandKind.CLAIM)
        instanceof Lifecycle.Transition.Forbidden) {
      return forbidden(r, CommandKind.CLAIM, "claim is not allowed in state " + r.state().wire());
    }
    if (r.lease() instanceof Lease.Held) {
      return forbidden(r, CommandKind.CLAIM, "the commission is held by another lease");
    }
    ResumePoint resume = ResumePoint.from(history, claim.workflow());
    if (resume instanceof ResumePoint.Nothing) {
      return forbidden(r, CommandKind.CLAIM, "nothing to run");
    }
    Emitter out = new Emitter(r, now, "claim:" + leaseId).nextEpoch();
    Map<String, Object> data =
        kv(
            "lease_id",
            leaseId,
            "runner_id",
            claim.runnerId(),
            "expires_at",
            now.plus(claim.ttl()).toString());
    if (resume instanceof ResumePoint.Run run) {
      data.put("resume_phase", run.phase().wire());
      data.put("resume_attempt", run.attempt());
      if (run.atHumanGate()) {
        data.put("resume_at", "human_gate");
      }
    }
    return append(out.emit(CLAIMED, data));
  }

  private Verdict fence(CommissionRecord r, Command.Fenced f, Instant now) {
    if (f.kind() == CommandKind.HEARTBEAT && r.state() == CommissionState.CANCELLED) {
      return refuse(r, ErrorCode.CANCELLED, "the commission was cancelled: " + r.reason());
    }
    LeaseToken t = f.lease();
    if (!r.lease().matches(t.leaseId(), t.epoch())) {
      return refuse(
          r,
          ErrorCode.LEASE_FENCED,
          "lease "
              + t.leaseId()
              + " epoch "
              + t.epoch()
              + " is not the commission's current lease (epoch "
              + r.lease().epoch()
              + ")");
    }
    // A lease past its expiry that nobody took over (no sweep freed it, no claim replaced it) is
    // still this runner's: its heartbeat renews it, so a store outage longer than the ttl does not
    // make a runner fence itself. Every other command needs the lease live.
    if (!r.lease().heldLiveAt(now) && f.kind() != CommandKind.HEARTBEAT) {
      return refuse(r, ErrorCode.LEASE_FENCED, "lease " + t.leaseId() + " expired");
    }
    return null;
  }

  private static Verdict heartbeat(CommissionRecord r, Command.Heartbeat h, Instant now) {
    Lease.Held held = (Lease.Held) r.lease();
    return new Verdict.Append(
        List.of(),
        new Lease.Held(held.leaseId(), held.runnerId(), held.epoch(), now.plus(h.ttl())));
  }

  private static Verdict started(
      CommissionRecord r, GenerationFacts facts, Command.PhaseStarted s, Emitter out) {
    Phase p = s.phase();
    if (facts.passed(p)) {
      return forbidden(
          r, s.kind(), p.wire() + " already passed in generation " + facts.generation());
    }
    if ((r.state() == CommissionState.PREFLIGHTING) != (p == Phase.PREFLIGHT)) {
      return forbidden(r, s.kind(), p.wire() + " cannot start in state " + r.state().wire());
    }
    for (Phase later : Phase.values()) {
      if (later.compareTo(p) > 0 && facts.started(later) > 0) {
        return forbidden(r, s.kind(), later.wire() + " already started; phases do not go back");
      }
    }
    if (s.attempt() != facts.started(p) + 1) {
      return forbidden(
          r,
          s.kind(),
          p.wire()
              + " attempt "
              + s.attempt()
              + " is not the next attempt ("
              + (facts.started(p) + 1)
              + ")");
    }
    return append(out.emit(PHASE_STARTED, p, s.attempt(), Map.of()));
  }

  private static Verdict passed(
      CommissionRecord r, GenerationFacts facts, Command.PhasePassed c, Emitter out) {
    if (facts.passed(c.phase())) {
      return new Verdict.AlreadyHolds();
    }
    Verdict open = requireOpenAttempt(r, facts, c.kind(), c.phase(), c.attempt());
    if (open != null) {
      return open;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    if (c.checkpoint() != null) {
      data.putAll(c.checkpoint().ref().data());
    }
    if (facts.approved().contains(c.phase())) {
      // The pass went through the human gate because a human approved it, not by the gate's say.
      data.put("human_gate", "approved");
    }
    return append(out.emit(PHASE_PASSED, c.phase(), c.attempt(), data));
  }

  /** A turn of an open execute attempt ended; its event names the checkpoint it left. */
  private static Verdict turn(
      CommissionRecord r, GenerationFacts facts, Command.RecordTurn t, Emitter out) {
    if (facts.passed(Phase.EXECUTE)) {
      return forbidden(r, t.kind(), "execute already passed in generation " + facts.generation());
    }
    Verdict open = requireOpenAttempt(r, facts, t.kind(), Phase.EXECUTE, t.attempt());
    if (open != null) {
      return open;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("turn", t.turn());
    data.putAll(t.checkpoint().ref().data());
    return append(out.emit(TURN_COMPLETED, Phase.EXECUTE, t.attempt(), data));
  }

  /** The agent of the open execute attempt asked for approval; its answer is recorded. */
  private static Verdict agentApproval(
      CommissionRecord r, GenerationFacts facts, Command.RecordAgentApproval a, Emitter out) {
    if (facts.passed(Phase.EXECUTE)) {
      return forbidden(r, a.kind(), "execute already passed in generation " + facts.generation());
    }
    Verdict open = requireOpenAttempt(r, facts, a.kind(), Phase.EXECUTE, a.attempt());
    return open != null
        ? open
        : append(out.emit(AGENT_APPROVAL, Phase.EXECUTE, a.attempt(), new TreeMap<>(a.request())));
  }

  /** The agent's own run of the evidence: passed when every command passed. */
  private static Verdict agentEvidence(
      CommissionRecord r, Command.RecordAgentEvidence e, Emitter out) {
    boolean passed = e.results().stream().allMatch(m -> Boolean.TRUE.equals(m.get("passed")));
    return append(
        out.emit(
            AGENT_EVIDENCE, r.phase(), r.attempt(), kv("passed", passed, "results", e.results())));
  }

  private Verdict failed(
      CommissionRecord r, GenerationFacts facts, PhaseFailure f, Emitter out, Instant now) {
    if (facts.passed(f.phase())) {
      return forbidden(
          r,
          CommandKind.PHASE_FAILED,
          f.phase().wire() + " already passed in generation " + facts.generation());
    }
    Verdict open = requireOpenAttempt(r, facts, CommandKind.PHASE_FAILED, f.phase(), f.attempt());
    if (open != null) {
      return open;
    }
    boolean exhausted = f.policy().exhaustedBy(facts.failed(f.phase()), facts.totalFailures());
    if (f.retryable() && !exhausted) {
      Instant retryAt = now.plus(f.policy().backoff(f.attempt(), random));
      return append(
          out.emit(
              PHASE_FAILED,
              f.phase(),
              f.attempt(),
              kv("reason", f.reason(), "retryable", true, "retry_at", retryAt.toString())));
    }
    out.emit(
        PHASE_FAILED, f.phase(), f.attempt(), kv("reason", f.reason(), "retryable", f.retryable()));
    String reason = f.retryable() ? "retry_budget_exhausted" : f.reason();
    Map<String, Object> failure =
        kv("phase", f.phase().wire(), "attempt", f.attempt(), "reason", f.reason());
    if (f.retryable()) {
      // Which budget ran out, with the limits of the policy that judged it: what result shows
      // later must not depend on a configuration changed since.
      RetryPolicy policy = f.policy();
      failure.put(
          "budget",
          facts.failed(f.phase()) + 1 >= policy.maxAttemptsPerPhase()
              ? "max_attempts_per_phase"
              : "max_attempts_total");
      failure.put("max_attempts_per_phase", policy.maxAttemptsPerPhase());
      failure.put("max_attempts_total", policy.maxAttemptsTotal());
    }
    return append(out.emit(FAILED, kv("reason", reason, "failure", failure)));
  }

  /** A pass or failure must close the latest started attempt of that phase, which is still open. */
  private static Verdict requireOpenAttempt(
      CommissionRecord r, GenerationFacts facts, CommandKind kind, Phase p, int attempt) {
    if (facts.started(p) != attempt || facts.failed(p) >= attempt) {
      return forbidden(r, kind, p.wire() + " attempt " + attempt + " is not open");
    }
    return null;
  }

  private static Verdict complete(
      CommissionRecord r, GenerationFacts facts, Command.Complete k, Emitter out) {
    for (Phase p : k.workflow().phases()) {
      if (!facts.passed(p)) {
        return forbidden(r, k.kind(), p.wire() + " has not passed");
      }
    }
    CommissionState to =
        k.projectionDebt()
            ? CommissionState.COMPLETED_WITH_PROJECTION_DEBT
            : CommissionState.COMPLETED;
    return append(out.emit(COMPLETED, kv("state", to.wire())));
  }

  private static Verdict block(
      CommissionRecord r, GenerationFacts facts, Command.Block b, Emitter out) {
    if (b.phase() != null && facts.passed(b.phase())) {
      return forbidden(
          r,
          b.kind(),
          "a "
              + b.phase().wire()
              + " verdict cannot block: "
              + b.phase().wire()
              + " already passed in generation "
              + facts.generation());
    }
    Phase phase = b.phase();
    return needsReason(
        b.reason(),
        () ->
            append(
                out.emit(
                    BLOCKED,
                    phase,
                    0,
                    kv("state", b.blockedState().wire(), "reason", b.reason()))));
  }

  private static Verdict approve(
      CommissionRecord r, GenerationFacts facts, Command.Approve a, Emitter out) {
    if (a.snapshotHash() != null && !a.snapshotHash().equals(r.snapshotHash())) {
      return refuse(
          r,
          ErrorCode.INVALID,
          "the approval is for snapshot "
              + a.snapshotHash()
              + " but the commission is at "
              + r.snapshotHash());
    }
    CommissionState to =
        facts.passed(Phase.PREFLIGHT) ? CommissionState.RUNNING : CommissionState.PREFLIGHTING;
    return append(
        out.emit(
            APPROVED,
            kv("state", to.wire(), "reason", a.reason(), "snapshot_hash", r.snapshotHash())));
  }

  private static Verdict expireLease(
      CommissionRecord r, GenerationFacts facts, Command.ExpireLease x, Emitter out, Instant now) {
    if (!(r.lease() instanceof Lease.Held held) || held.liveAt(now)) {
      return forbidden(r, x.kind(), "the commission holds no expired lease");
    }
    out.emit(
        LEASE_EXPIRED,
        kv(
            "lease_id",
            held.leaseId(),
            "runner_id",
            held.runnerId(),
            "expired_at",
            held.expiresAt().toString()));
    if (facts.leaseExpiries() + 1 >= x.policy().maxLeaseExpiries()) {
      out.emit(
          FAILED,
          kv(
              "reason",
              "lease_expiry_budget_exhausted",
              "failure",
              kv("reason", "lease_expired", "lease_expiries", facts.leaseExpiries() + 1)));
    }
    return append(out);
  }

  private static Verdict expire(CommissionRecord r, Emitter out, Instant now) {
    if (now.isBefore(r.validUntil())) {
      return forbidden(r, CommandKind.EXPIRE, "valid until " + r.validUntil());
    }
    if (r.heldAt(now)) {
      return forbidden(
          r, CommandKind.EXPIRE, "a runner holds the commission; it expires after its phase");
    }
    return append(out.emit(EXPIRED, kv("reason", "valid_until passed at " + r.validUntil())));
  }

  /**
   * A publication paid the debt (the commission is {@code completed} now) or failed, which changes
   * nothing but is recorded with its reason and when it is tried again.
   */
  private static Verdict projection(Command.ProjectionOutcome outcome, Emitter out) {
    return switch (outcome) {
      case Command.ProjectionOutcome.Published p ->
          append(
              out.emit(
                  PROJECTION_PUBLISHED,
                  kv("state", CommissionState.COMPLETED.wire(), "targets", p.targets())));
      case Command.ProjectionOutcome.Failed f ->
          append(
              out.emit(
                  PROJECTION_FAILED,
                  kv(
                      "reason",
                      f.failures().getFirst().get("reason"),
                      "final",
                      f.finalError(),
                      "retry_at",
                      f.retryAt() == null ? null : f.retryAt().toString(),
                      "published",
                      f.published(),
                      "failures",
                      f.failures())));
    };
  }

  private static Verdict needsReason(String reason, Supplier<Verdict> then) {
    if (reason == null || reason.isBlank()) {
      return new Verdict.Refuse(StoreError.of(ErrorCode.INVALID, "a reason is required"));
    }
    return then.get();
  }

  private static Verdict append(Emitter out) {
    return new Verdict.Append(out.events(), null);
  }

  static Verdict forbidden(CommissionRecord r, CommandKind kind, String message) {
    return new Verdict.Refuse(
        new StoreError(
            ErrorCode.LIFECYCLE_FORBIDDEN, message, r.state(), Lifecycle.allowedFrom(kind)));
  }

  private static Verdict refuse(CommissionRecord r, ErrorCode code, String message) {
    return new Verdict.Refuse(
        new StoreError(code, message, r.state(), Lifecycle.allowedFrom(CommandKind.HEARTBEAT)));
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(base == null ? Map.of() : base);
    m.put(key, value);
    return m;
  }

  /** A mutable map of the non-null pairs given. */
  static Map<String, Object> kv(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        m.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return m;
  }
}
