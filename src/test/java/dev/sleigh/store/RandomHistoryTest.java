package dev.sleigh.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.CommandDecider;
import dev.sleigh.lifecycle.GenerationFacts;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.lifecycle.Lifecycle;
import dev.sleigh.lifecycle.ResumePoint;
import dev.sleigh.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random walks of runners and operators through the store's rules, checking after every step
 * the invariants the design promises. A failure names its seed; rerun it with {@code
 * -Dsleigh.seed=N}.
 */
class RandomHistoryTest {
  private static final int WALKS = 400;
  private static final int STEPS = 80;
  private static final Duration TTL = Duration.ofSeconds(60);

  @Test
  void randomHistoriesKeepEveryInvariant() {
    long base = Long.getLong("sleigh.seed", System.nanoTime());
    Set<CommissionState> visited = EnumSet.noneOf(CommissionState.class);
    for (int i = 0; i < WALKS; i++) {
      walk(base + i, visited);
    }
    assertThat(visited)
        .as("the walks reach every state a runner or operator can cause (base seed %d)", base)
        .contains(
            CommissionState.QUEUED,
            CommissionState.PREFLIGHTING,
            CommissionState.RUNNING,
            CommissionState.WAITING_HUMAN,
            CommissionState.BLOCKED_STALE,
            CommissionState.BLOCKED_POLICY,
            CommissionState.FAILED,
            CommissionState.COMPLETED,
            CommissionState.CANCELLED);
  }

  private void walk(long seed, Set<CommissionState> visited) {
    SplittableRandom random = new SplittableRandom(seed);
    // How often this walk's runner does the next honest step rather than something arbitrary.
    double honesty = 0.2 + 0.75 * random.nextDouble();
    CommandDecider decider = new CommandDecider(random);
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    var spec = Fixtures.commission("wc-walk");
    Event created =
        new Event(
            spec.id(),
            1,
            1,
            EventType.CREATED,
            null,
            0,
            0,
            now,
            null,
            Map.of(
                "snapshot_hash",
                spec.snapshotHash(),
                "valid_until",
                now.plus(Duration.ofDays(30)).toString()));
    CommissionRecord r = CommissionRecord.created(spec, created);
    List<Event> history = new ArrayList<>(List.of(created));
    LeaseToken lease = null;
    for (int step = 0; step < STEPS; step++) {
      now = now.plusSeconds(random.nextInt(1, 40));
      String label = "seed " + seed + " step " + step;
      if (random.nextInt(6) == 0 && r.state().leasable() && r.lease() instanceof Lease.Free) {
        var verdict =
            decider.claim(
                r,
                history,
                new Claim("r", TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, null),
                "ls-" + seed + "-" + step,
                now);
        r = applied(r, history, verdict);
        lease = r.lease() instanceof Lease.Held h ? new LeaseToken(h.leaseId(), h.epoch()) : lease;
      } else if (r.state() == CommissionState.QUEUED) {
        var verdict =
            decider.claim(
                r,
                history,
                new Claim("r", TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, null),
                "ls-" + seed + "-" + step,
                now);
        r = applied(r, history, verdict);
        lease = r.lease() instanceof Lease.Held h ? new LeaseToken(h.leaseId(), h.epoch()) : lease;
      } else {
        Command c = randomCommand(random, honesty, r, history, lease);
        CommissionRecord before = r;
        var verdict = decider.decide(r, history, c, now);
        if (verdict instanceof CommandDecider.Verdict.Refuse
            || verdict instanceof CommandDecider.Verdict.AlreadyHolds) {
          assertThat(applied(r, new ArrayList<>(history), verdict)).as(label).isEqualTo(before);
        }
        r = applied(r, history, verdict);
        if (Lifecycle.transition(before.state(), c.kind()) instanceof Lifecycle.Transition.Allowed a
            && verdict instanceof CommandDecider.Verdict.Append) {
          assertThat(a.results()).as(label + " " + c.kind()).contains(r.state());
        }
      }
      visited.add(r.state());
      checkInvariants(label, spec, r, history);
    }
  }

  private static CommissionRecord applied(
      CommissionRecord r, List<Event> history, CommandDecider.Verdict v) {
    if (v instanceof CommandDecider.Verdict.Append append) {
      for (Event e : append.events()) {
        r = r.apply(e);
        history.add(e);
      }
      if (append.lease() != null) {
        r = r.withLease(append.lease());
      }
    }
    return r;
  }

  private static Command randomCommand(
      SplittableRandom random,
      double honesty,
      CommissionRecord r,
      List<Event> history,
      LeaseToken held) {
    LeaseToken lease =
        held == null || random.nextInt(10) == 0 ? new LeaseToken("stale", random.nextInt(3)) : held;
    GenerationFacts facts = GenerationFacts.of(history);
    Phase phase = Phase.values()[random.nextInt(4)];
    if (random.nextBoolean()) {
      ResumePoint point = ResumePoint.from(history, Workflow.DEFAULT);
      if (point instanceof ResumePoint.Run run) {
        phase = run.phase();
      }
    }
    int attempt =
        random.nextInt(4) == 0 ? 1 + random.nextInt(3) : Math.max(1, facts.started(phase));
    String id = r.id();
    String cid = "c" + random.nextLong();
    if (random.nextDouble() < honesty) {
      return progress(id, cid, lease, facts, ResumePoint.from(history, Workflow.DEFAULT));
    }
    return switch (random.nextInt(16)) {
      case 0, 1 -> new Command.PhaseStarted(id, lease, cid, phase, facts.started(phase) + 1);
      case 2, 3 -> new Command.PhasePassed(id, lease, cid, phase, attempt);
      case 4, 5 ->
          new Command.PhaseFailed(
              id,
              lease,
              cid,
              new Command.PhaseFailure(
                  phase, attempt, "stalled", random.nextInt(5) > 0, RetryPolicy.DEFAULT));
      case 6 -> new Command.Heartbeat(id, lease, null, TTL);
      case 7 -> new Command.WaitForHuman(id, lease, cid, phase, "door");
      case 8 -> new Command.Approve(id, cid, "ok", null);
      case 9 -> new Command.Release(id, lease, cid, "shutdown");
      case 10 -> new Command.Complete(id, lease, cid, Workflow.DEFAULT, false);
      case 11 ->
          new Command.Block(
              id,
              lease,
              cid,
              CommissionState.BLOCKED_STALE,
              "stale",
              random.nextBoolean() ? Phase.PREFLIGHT : null);
      case 12 ->
          random.nextInt(4) == 0
              ? new Command.Requeue(id, cid, "again")
              : new Command.Reject(id, cid, "no");
      case 13 ->
          random.nextInt(8) == 0
              ? new Command.Cancel(id, cid, "stop")
              : new Command.Revalidate(id, lease, cid, Map.of());
      default -> new Command.ExpireLease(id, cid, RetryPolicy.DEFAULT);
    };
  }

  /** The command an honest runner would send next, so that walks also reach completion. */
  private static Command progress(
      String id, String cid, LeaseToken lease, GenerationFacts facts, ResumePoint point) {
    return switch (point) {
      case ResumePoint.Run run when facts.started(run.phase()) > facts.failed(run.phase()) ->
          new Command.PhasePassed(id, lease, cid, run.phase(), facts.started(run.phase()));
      case ResumePoint.Run run ->
          new Command.PhaseStarted(id, lease, cid, run.phase(), run.attempt());
      case ResumePoint.Finish finish ->
          new Command.Complete(id, lease, cid, Workflow.DEFAULT, false);
      case ResumePoint.Nothing nothing -> new Command.Requeue(id, cid, "again");
    };
  }

  private static void checkInvariants(
      String label, Commission spec, CommissionRecord r, List<Event> history) {
    CommissionRecord replayed = CommissionRecord.replay(spec, history);
    assertThat(replayed.state()).as(label).isEqualTo(r.state());
    assertThat(replayed.lease().epoch()).as(label).isEqualTo(r.lease().epoch());
    GenerationFacts facts = GenerationFacts.of(history);
    if (r.state() == CommissionState.RUNNING) {
      assertThat(facts.passed(Phase.PREFLIGHT))
          .as(label + ": running without preflight passed")
          .isTrue();
    }
    Set<String> passedOnce = new HashSet<>();
    long lastEpoch = 0;
    for (Event e : history) {
      if (e.type() == EventType.PHASE_PASSED) {
        assertThat(passedOnce.add(e.generation() + ":" + e.phase()))
            .as(label + ": a phase passed twice")
            .isTrue();
      }
      assertThat(e.epoch()).as(label + ": epochs never go back").isGreaterThanOrEqualTo(lastEpoch);
      lastEpoch = e.epoch();
    }
    for (Phase p : Phase.values()) {
      assertThat(facts.failed(p))
          .as(label)
          .isLessThanOrEqualTo(RetryPolicy.DEFAULT.maxAttemptsPerPhase());
    }
    assertThat(facts.leaseExpiries())
        .as(label)
        .isLessThanOrEqualTo(RetryPolicy.DEFAULT.maxLeaseExpiries());
    ResumePoint point = ResumePoint.from(history, Workflow.DEFAULT);
    switch (point) {
      case ResumePoint.Run run -> {
        assertThat(facts.passed(run.phase())).as(label).isFalse();
        // a new attempt, or the one that waited for a human, approved, resumed at its gate
        assertThat(run.attempt())
            .as(label)
            .isEqualTo(facts.started(run.phase()) + (run.atHumanGate() ? 0 : 1));
        if (run.atHumanGate()) {
          assertThat(facts.approved()).as(label).contains(run.phase());
        }
        if (r.state() == CommissionState.RUNNING) {
          assertThat(run.phase())
              .as(label + ": running resumes at preflight")
              .isNotEqualTo(Phase.PREFLIGHT);
        }
        for (Phase earlier : Phase.values()) {
          if (earlier.compareTo(run.phase()) < 0) {
            assertThat(facts.passed(earlier)).as(label).isTrue();
          }
        }
      }
      case ResumePoint.Nothing nothing ->
          assertThat(r.state().leasable() || r.state() == CommissionState.QUEUED)
              .as(label)
              .isFalse();
      case ResumePoint.Finish finish ->
          assertThat(facts.passedPhases()).as(label).containsAll(Workflow.DEFAULT.phases());
    }
    if (r.state().settled()) {
      assertThat(r.lease())
          .as(label + ": settled commissions hold no lease")
          .isInstanceOf(Lease.Free.class);
    }
  }
}
