package dev.sleigh.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The states of SPEC §3.1, each with the columns of its row in that table. */
public enum CommissionState {
  QUEUED(true, false, false, true, true),
  PREFLIGHTING(false, true, false, true, true),
  RUNNING(false, true, false, true, true),
  WAITING_HUMAN(false, true, false, true, true),
  BLOCKED_STALE(false, false, false, true, true),
  BLOCKED_POLICY(false, false, false, true, true),
  BLOCKED_CONFLICT(false, false, false, true, true),
  FAILED(false, false, false, true, true),
  COMPLETED(false, false, true, false, false),
  COMPLETED_WITH_PROJECTION_DEBT(false, false, true, false, false),
  CANCELLED(false, false, true, false, false),
  EXPIRED(false, false, true, false, false);

  private final boolean runnable;
  private final boolean executing;
  private final boolean terminal;
  private final boolean requeueable;
  private final boolean cancellable;

  CommissionState(
      boolean runnable,
      boolean executing,
      boolean terminal,
      boolean requeueable,
      boolean cancellable) {
    this.runnable = runnable;
    this.executing = executing;
    this.terminal = terminal;
    this.requeueable = requeueable;
    this.cancellable = cancellable;
  }

  public boolean runnable() {
    return runnable;
  }

  /** Executing states hold the commission's locks; all but waiting_human may hold a lease. */
  public boolean executing() {
    return executing;
  }

  public boolean terminal() {
    return terminal;
  }

  public boolean requeueable() {
    return requeueable;
  }

  public boolean cancellable() {
    return cancellable;
  }

  public boolean blocked() {
    return this == BLOCKED_STALE || this == BLOCKED_POLICY || this == BLOCKED_CONFLICT;
  }

  /** States a runner may hold a lease in. */
  public boolean leasable() {
    return this == PREFLIGHTING || this == RUNNING;
  }

  /** Terminal, blocked or failed: nothing moves without an operator. */
  public boolean settled() {
    return terminal || blocked() || this == FAILED;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CommissionState> fromWire(String text) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
  }

  public static Set<CommissionState> where(Predicate<CommissionState> test) {
    EnumSet<CommissionState> set = EnumSet.noneOf(CommissionState.class);
    for (CommissionState s : values()) {
      if (test.test(s)) {
        set.add(s);
      }
    }
    return set;
  }
}
