package dev.sleigh.lifecycle;

import static dev.sleigh.domain.CommissionState.BLOCKED_CONFLICT;
import static dev.sleigh.domain.CommissionState.BLOCKED_POLICY;
import static dev.sleigh.domain.CommissionState.BLOCKED_STALE;
import static dev.sleigh.domain.CommissionState.CANCELLED;
import static dev.sleigh.domain.CommissionState.COMPLETED;
import static dev.sleigh.domain.CommissionState.COMPLETED_WITH_PROJECTION_DEBT;
import static dev.sleigh.domain.CommissionState.EXPIRED;
import static dev.sleigh.domain.CommissionState.FAILED;
import static dev.sleigh.domain.CommissionState.PREFLIGHTING;
import static dev.sleigh.domain.CommissionState.QUEUED;
import static dev.sleigh.domain.CommissionState.RUNNING;
import static dev.sleigh.domain.CommissionState.WAITING_HUMAN;

import dev.sleigh.domain.CommissionState;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle as one table: for every state and command, whether the command is allowed and which
 * states it may leave the commission in. The store applies it; tests enumerate every pair; {@code
 * docs/lifecycle.md} is generated from it.
 */
public final class Lifecycle {

  /** The outcome of one (state, command) cell. */
  public sealed interface Transition {
    /** The command is refused with {@code lifecycle_forbidden} and changes nothing. */
    record Forbidden() implements Transition {}

    /** The command is allowed and leaves the commission in one of {@code results}. */
    record Allowed(Set<CommissionState> results) implements Transition {
      public Allowed {
        results = Set.copyOf(results);
      }
    }
  }

  private static final Transition FORBIDDEN = new Transition.Forbidden();

  private Lifecycle() {}

  public static Transition transition(CommissionState from, CommandKind command) {
    boolean leased = from.leasable();
    return switch (command) {
      case INTAKE -> to(from);
      case CLAIM ->
          switch (from) {
            case QUEUED -> to(PREFLIGHTING);
            case PREFLIGHTING, RUNNING -> to(from);
            default -> FORBIDDEN;
          };
      case HEARTBEAT,
          PHASE_STARTED,
          REVALIDATE,
          RECORD_EVIDENCE,
          RECORD_AGENT_NOTE,
          RECORD_AGENT_EVIDENCE,
          RELEASE ->
          leased ? to(from) : FORBIDDEN;
      case PHASE_PASSED ->
          from == PREFLIGHTING ? to(PREFLIGHTING, RUNNING) : leased ? to(from) : FORBIDDEN;
      case PHASE_FAILED, EXPIRE_LEASE -> leased ? to(from, FAILED) : FORBIDDEN;
      case WAIT_FOR_HUMAN -> leased ? to(WAITING_HUMAN) : FORBIDDEN;
      case RECORD_TURN, RECORD_AGENT_APPROVAL -> from == RUNNING ? to(RUNNING) : FORBIDDEN;
      case APPROVE -> from == WAITING_HUMAN ? to(PREFLIGHTING, RUNNING) : FORBIDDEN;
      case REJECT -> from == WAITING_HUMAN ? to(BLOCKED_POLICY) : FORBIDDEN;
      case COMPLETE -> from == RUNNING ? to(COMPLETED, COMPLETED_WITH_PROJECTION_DEBT) : FORBIDDEN;
      case BLOCK -> leased ? to(BLOCKED_STALE, BLOCKED_POLICY, BLOCKED_CONFLICT) : FORBIDDEN;
      case FAIL -> leased ? to(FAILED) : FORBIDDEN;
      case REQUEUE -> from.requeueable() ? to(QUEUED) : FORBIDDEN;
      case CANCEL -> from.cancellable() ? to(CANCELLED) : FORBIDDEN;
      case EXPIRE -> from.terminal() ? FORBIDDEN : to(EXPIRED);
      case BLOCK_DEPENDENCY -> from == QUEUED ? to(BLOCKED_POLICY) : FORBIDDEN;
      case RECORD_APPLIED ->
          from == COMPLETED || from == COMPLETED_WITH_PROJECTION_DEBT ? to(from) : FORBIDDEN;
      case RECORD_PROJECTION ->
          from == COMPLETED
              ? to(COMPLETED)
              : from == COMPLETED_WITH_PROJECTION_DEBT
                  ? to(COMPLETED_WITH_PROJECTION_DEBT, COMPLETED)
                  : FORBIDDEN;
    };
  }

  /** The states from which {@code command} is allowed. */
  public static Set<CommissionState> allowedFrom(CommandKind command) {
    return CommissionState.where(s -> transition(s, command) instanceof Transition.Allowed);
  }

  /** The whole table, row by row, for docs and tests. */
  public static Map<CommissionState, Map<CommandKind, Transition>> table() {
    Map<CommissionState, Map<CommandKind, Transition>> table = new LinkedHashMap<>();
    for (CommissionState s : CommissionState.values()) {
      Map<CommandKind, Transition> row = new LinkedHashMap<>();
      for (CommandKind c : CommandKind.values()) {
        row.put(c, transition(s, c));
      }
      table.put(s, row);
    }
    return table;
  }

  private static Transition to(CommissionState first, CommissionState... rest) {
    return new Transition.Allowed(EnumSet.of(first, rest));
  }
}
