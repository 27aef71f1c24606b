package dev.sleigh.store.jdbc;

import static dev.sleigh.testkit.Fixtures.commission;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.CommandKind;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.lifecycle.Lifecycle;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommandResult;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the lifecycle table against a real store: each command is issued to a commission in
 * each state with its other preconditions met; an allowed command moves the commission to one of
 * the states the table names, a forbidden one changes nothing and appends nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LifecycleTableContract {
  private MutableClock clock;
  private StoreHarness h;
  private int serial;

  abstract String newStoreUrl();

  @BeforeAll
  void open() {
    clock = MutableClock.at("2026-11-24T10:00:00Z");
    h = new StoreHarness(Stores.open(newStoreUrl(), clock, new SplittableRandom(3)), clock);
  }

  @AfterAll
  void close() {
    h.store.close();
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (CommissionState s : CommissionState.values()) {
      for (CommandKind k : CommandKind.values()) {
        cells.add(Arguments.of(s, k));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("cells")
  void everyCommandInEveryStateDoesWhatTheTableSays(CommissionState state, CommandKind kind) {
    String id = "wc-cell-" + (++serial);
    LeaseToken lease = driveTo(state, id);
    assertThat(h.record(id).state()).isEqualTo(state);
    prepare(kind, state, id, lease);
    CommissionRecord before = h.record(id);
    int eventsBefore = h.eventCount(id);

    CommandResult result = issue(kind, state, id, lease);

    switch (Lifecycle.transition(state, kind)) {
      case Lifecycle.Transition.Forbidden f -> {
        assertThat(result)
            .isInstanceOfSatisfying(
                CommandResult.Refused.class,
                r ->
                    assertThat(r.error().code())
                        .isIn(
                            ErrorCode.LIFECYCLE_FORBIDDEN,
                            ErrorCode.LEASE_FENCED,
                            ErrorCode.CANCELLED));
        assertThat(h.record(id)).isEqualTo(before);
        assertThat(h.eventCount(id)).isEqualTo(eventsBefore);
      }
      case Lifecycle.Transition.Allowed a -> {
        assertThat(result).as("%s in %s", kind, state).isInstanceOf(CommandResult.Done.class);
        assertThat(a.results()).contains(h.record(id).state());
      }
    }
  }

  private LeaseToken driveTo(CommissionState s, String id) {
    h.create(
        s == CommissionState.EXPIRED
            ? Fixtures.validUntil(commission(id), clock.instant().plus(Duration.ofHours(1)))
            : commission(id));
    return switch (s) {
      case QUEUED -> null;
      case PREFLIGHTING -> h.claim(id).token();
      case RUNNING -> h.running(id);
      case WAITING_HUMAN ->
          then(h.running(id), l -> new Command.WaitForHuman(id, l, next(), Phase.EXECUTE, "ok?"));
      case BLOCKED_STALE, BLOCKED_POLICY, BLOCKED_CONFLICT ->
          then(h.claim(id).token(), l -> new Command.Block(id, l, next(), s, "blocked", null));
      case FAILED ->
          then(h.claim(id).token(), l -> new Command.Fail(id, l, next(), "broken", Map.of()));
      case COMPLETED, COMPLETED_WITH_PROJECTION_DEBT -> {
        LeaseToken l = h.running(id);
        passAllAfterPreflight(id, l);
        yield then(
            l,
            t ->
                new Command.Complete(
                    id,
                    t,
                    next(),
                    Workflow.DEFAULT,
                    s == CommissionState.COMPLETED_WITH_PROJECTION_DEBT));
      }
      case CANCELLED -> then(h.claim(id).token(), l -> new Command.Cancel(id, next(), "stop"));
      case EXPIRED -> {
        clock.tick(Duration.ofHours(2));
        h.store.execute(new Command.Expire(id, next())).orThrow();
        yield null;
      }
    };
  }

  /** Meets the command's own preconditions so that only the table decides. */
  private void prepare(CommandKind kind, CommissionState s, String id, LeaseToken lease) {
    boolean leased = s.leasable();
    switch (kind) {
      case CLAIM -> {
        if (leased) {
          h.store.execute(new Command.Release(id, lease, next(), "let go")).orThrow();
        }
      }
      case RECORD_TURN, RECORD_AGENT_APPROVAL -> {
        if (s == CommissionState.RUNNING) {
          h.start(id, lease, Phase.EXECUTE, 1);
        }
      }
      case PHASE_PASSED, PHASE_FAILED -> {
        if (leased) {
          h.start(id, lease, phaseFor(s), 1);
        }
      }
      case COMPLETE -> {
        if (s == CommissionState.RUNNING) {
          passAllAfterPreflight(id, lease);
        }
      }
      case EXPIRE_LEASE -> clock.tick(Duration.ofMinutes(2));
      case EXPIRE -> clock.tick(Duration.ofDays(8));
      default -> {}
    }
  }

  private CommandResult issue(CommandKind kind, CommissionState s, String id, LeaseToken held) {
    LeaseToken lease = held != null ? held : new LeaseToken("ls-none", 0);
    Phase phase = phaseFor(s);
    Command command =
        switch (kind) {
          case INTAKE -> null;
          case CLAIM -> null;
          case HEARTBEAT -> new Command.Heartbeat(id, lease, null, StoreHarness.TTL);
          case PHASE_STARTED -> new Command.PhaseStarted(id, lease, next(), phase, 1);
          case PHASE_PASSED -> new Command.PhasePassed(id, lease, next(), phase, 1);
          case PHASE_FAILED ->
              new Command.PhaseFailed(
                  id,
                  lease,
                  next(),
                  new Command.PhaseFailure(phase, 1, "stalled", true, RetryPolicy.DEFAULT));
          case REVALIDATE -> new Command.Revalidate(id, lease, next(), Map.of("gates", "passed"));
          case RECORD_EVIDENCE ->
              new Command.RecordEvidence(id, lease, next(), Phase.MEASURE, 1, "tests", Map.of());
          case RECORD_TURN -> new Command.RecordTurn(id, lease, next(), 1, 1, Fixtures.pack());
          case RECORD_AGENT_APPROVAL ->
              new Command.RecordAgentApproval(
                  id, lease, next(), 1, Map.of("kind", "command", "decision", "declined"));
          case RECORD_AGENT_NOTE -> new Command.RecordAgentNote(id, lease, next(), "a note");
          case RECORD_AGENT_EVIDENCE ->
              new Command.RecordAgentEvidence(
                  id, lease, next(), List.of(Map.of("name", "tests", "passed", true)));
          case WAIT_FOR_HUMAN -> new Command.WaitForHuman(id, lease, next(), phase, "approve?");
          case APPROVE -> new Command.Approve(id, next(), "fine", null);
          case REJECT -> new Command.Reject(id, next(), "no");
          case COMPLETE -> new Command.Complete(id, lease, next(), Workflow.DEFAULT, false);
          case BLOCK ->
              new Command.Block(id, lease, next(), CommissionState.BLOCKED_POLICY, "policy", null);
          case FAIL -> new Command.Fail(id, lease, next(), "broken", Map.of());
          case RELEASE -> new Command.Release(id, lease, next(), "shutdown");
          case REQUEUE -> new Command.Requeue(id, next(), "again");
          case CANCEL -> new Command.Cancel(id, next(), "stop");
          case EXPIRE_LEASE -> new Command.ExpireLease(id, next(), RetryPolicy.DEFAULT);
          case EXPIRE -> new Command.Expire(id, next());
          case BLOCK_DEPENDENCY -> new Command.BlockDependency(id, next(), "wc-dep");
          case RECORD_APPLIED -> new Command.RecordApplied(id, next(), "sleigh/" + id, "abc123");
          case RECORD_PROJECTION ->
              new Command.RecordProjection(
                  id, next(), new Command.ProjectionOutcome.Published(List.of("hook")));
        };
    if (kind == CommandKind.INTAKE) {
      return h.store.intake(h.record(id).spec(), next());
    }
    if (kind == CommandKind.CLAIM) {
      var claimed =
          h.store.claim(
              new Claim("runner-b", StoreHarness.TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, id));
      return claimed
          .<CommandResult>map(c -> new CommandResult.Done(true, c.record(), List.of()))
          .orElse(
              new CommandResult.Refused(
                  StoreError.of(ErrorCode.LIFECYCLE_FORBIDDEN, "not claimable")));
    }
    return h.store.execute(command);
  }

  private static Phase phaseFor(CommissionState s) {
    return s == CommissionState.RUNNING ? Phase.FRAME : Phase.PREFLIGHT;
  }

  private void passAllAfterPreflight(String id, LeaseToken lease) {
    for (Phase p : List.of(Phase.FRAME, Phase.EXECUTE, Phase.MEASURE)) {
      h.start(id, lease, p, 1);
      h.pass(id, lease, p, 1);
    }
  }

  private LeaseToken then(LeaseToken lease, Function<LeaseToken, Command> command) {
    h.store.execute(command.apply(lease)).orThrow();
    return lease;
  }

  private String next() {
    return h.nextCommandId();
  }
}
