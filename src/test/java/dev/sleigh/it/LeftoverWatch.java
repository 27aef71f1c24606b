package dev.sleigh.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Follows the forkers of a test: learns from the beacon when each starts and which run it belongs
 * to, and holds the test to its expectations that every process of a run is gone by a deadline.
 * Each wait looks at the beacon and at {@code /proc} in turn, so expectations are checked whatever
 * the test waits for; one that passes its deadline with a process of its run still running fails
 * the test, naming the processes.
 */
final class LeftoverWatch {
  /** How long one step waits for a beacon message before it looks at the processes again. */
  private static final Duration STEP = Duration.ofMillis(200);

  /** A forker that told the beacon it started. */
  record Forking(String commissionId, String place, String runId, long pid, long atNanos) {}

  private record Expectation(Forking forking, String after, long sinceNanos, long deadlineNanos) {}

  private final AgentBeacon beacon;
  private final Supplier<String> context;
  private final Function<String, String> story;
  private final Map<String, Forking> forking = new HashMap<>();
  private final List<Expectation> pending = new ArrayList<>();
  private final Map<String, Duration> slowest = new TreeMap<>();

  /**
   * {@code context}: what a failure message starts with (seed, choices); {@code story}: what the
   * runners said about one commission, for the message when its processes outlive a deadline.
   */
  LeftoverWatch(AgentBeacon beacon, Supplier<String> context, Function<String, String> story) {
    this.beacon = beacon;
    this.context = context;
    this.story = story;
  }

  /**
   * Waits until the forker of each of {@code ids} has started, handing each to {@code started} as
   * it comes; fails after {@code max}.
   */
  void awaitForking(Collection<String> ids, Duration max, Consumer<Forking> started)
      throws InterruptedException {
    Set<String> waiting = new HashSet<>(ids);
    waiting.removeAll(forking.keySet());
    long deadline = System.nanoTime() + max.toNanos();
    while (!waiting.isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            context.get() + "\nno forker started within " + max + " for " + waiting);
      }
      Optional<Forking> f = step();
      if (f.isPresent() && waiting.remove(f.get().commissionId())) {
        started.accept(f.get());
      }
    }
  }

  /** The forker of {@code commissionId}, once it has started. */
  Forking of(String commissionId) {
    return forking.get(commissionId);
  }

  /**
   * Expects every process of the run of {@code f} to be gone {@code within} after now, {@code
   * after} naming what should have ended them.
   */
  void expectGone(Forking f, String after, Duration within) {
    expectGone(f, after, System.nanoTime(), within);
  }

  /** The same, counted from {@code sinceNanos} ({@link System#nanoTime()}). */
  void expectGone(Forking f, String after, long sinceNanos, Duration within) {
    pending.add(new Expectation(f, after, sinceNanos, sinceNanos + within.toNanos()));
  }

  /** Waits until no expectation about {@code ids} is pending; fails after {@code max}. */
  void awaitGone(Collection<String> ids, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (pending.stream().anyMatch(e -> ids.contains(e.forking().commissionId()))) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            context.get() + "\nexpectations still open after " + max + ": " + pending);
      }
      step();
    }
  }

  /**
   * Waits until {@code done} says so, holding the expectations meanwhile; fails after {@code max}
   * naming {@code what} it waited for.
   */
  void await(BooleanSupplier done, Duration max, Supplier<String> what)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(context.get() + "\nwaited " + max + " in vain for " + what.get());
      }
      step();
    }
  }

  /** Waits until no expectation at all is pending. */
  void awaitAllGone(Duration max) throws InterruptedException {
    awaitGone(forking.keySet(), max);
  }

  /** The longest time each kind of ending took, from its cause until nothing of the run ran. */
  Map<String, Duration> slowest() {
    return Map.copyOf(slowest);
  }

  /** One beacon message, if any comes within a step, then one look at the processes. */
  private Optional<Forking> step() throws InterruptedException {
    Optional<Forking> started = beacon.poll(STEP).flatMap(this::parse);
    started.ifPresent(this::checkTagged);
    check();
    return started;
  }

  private Optional<Forking> parse(String message) {
    String[] words = message.split(" ");
    if (words.length != 5 || !words[0].equals("forking")) {
      return Optional.empty();
    }
    Forking f =
        new Forking(words[1], words[2], words[3], Long.parseLong(words[4]), System.nanoTime());
    forking.put(f.commissionId(), f);
    return Optional.of(f);
  }

  /** The forker must carry its run's tag, or this test could not see what it leaves. */
  private void checkTagged(Forking f) {
    Optional<ProcessHandle> self = ProcessHandle.of(f.pid()).filter(AgentProcesses::running);
    if (self.isEmpty()) {
      return;
    }
    List<ProcessHandle> tagged =
        AgentProcesses.byRun(Set.of(f.runId())).getOrDefault(f.runId(), List.of());
    if (self.get().isAlive() && tagged.stream().noneMatch(h -> h.pid() == f.pid())) {
      throw new AssertionError(
          context.get() + "\nthe forker " + f + " does not carry its run's tag; it is invisible");
    }
  }

  private void check() throws InterruptedException {
    if (pending.isEmpty()) {
      return;
    }
    Set<String> runs = new HashSet<>();
    pending.forEach(e -> runs.add(e.forking().runId()));
    Map<String, List<ProcessHandle>> running = AgentProcesses.byRun(runs);
    long now = System.nanoTime();
    for (Expectation e : List.copyOf(pending)) {
      List<ProcessHandle> left = running.getOrDefault(e.forking().runId(), List.of());
      if (left.isEmpty()) {
        pending.remove(e);
        slowest.merge(e.after(), Duration.ofNanos(now - e.sinceNanos()), LeftoverWatch::longer);
      } else if (now - e.deadlineNanos() > 0) {
        String described = AgentProcesses.describe(left);
        AgentProcesses.kill(left);
        throw new AssertionError(
            context.get()
                + "\n"
                + e.forking().commissionId()
                + ": "
                + left.size()
                + " processes of run "
                + e.forking().runId()
                + " (forker in "
                + e.forking().place()
                + ") still run "
                + Duration.ofNanos(now - e.sinceNanos())
                + " after "
                + e.after()
                + ", past the deadline of "
                + Duration.ofNanos(e.deadlineNanos() - e.sinceNanos())
                + ":"
                + described
                + "\nwhat the runners said:\n"
                + story.apply(e.forking().commissionId()));
      }
    }
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
