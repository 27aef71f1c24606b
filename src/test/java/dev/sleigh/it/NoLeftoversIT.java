package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.Forkers.Place;
import dev.sleigh.it.LeftoverWatch.Forking;
import dev.sleigh.it.Repetition.Ending;
import dev.sleigh.it.SleighProject.CommissionSpec;
import dev.sleigh.it.SleighProject.Evidence;
import dev.sleigh.it.SleighProject.Tuning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No process outlives what ends it: agents, hooks and evidence commands that fork children in a
 * loop (some ignoring SIGTERM, every other child escaping into a session of its own) are ended by a
 * cancel, a stall, a turn, hook or evidence timeout, a runner's SIGTERM, or its SIGKILL followed by
 * a takeover on the same host, and every process of theirs is gone by a deadline:
 *
 * <ul>
 *   <li>cancel: the heartbeat interval + the cancel grace + {@link #MARGIN} after {@code commission
 *       cancel} returned;
 *   <li>stall or timeout: the limit + the grace + {@link #MARGIN} after the forker started;
 *   <li>SIGTERM: the grace + {@link #MARGIN} after the signal;
 *   <li>SIGKILL: the lease time + {@link #MARGIN} after the runner that takes over said it started
 *       (it kills without a grace, once the dead runner's leases have lapsed).
 * </ul>
 *
 * <p>Each repetition is one commission with a seeded (ending, place); they run in rounds, one
 * runner at a time: the cancels, stalls and timeouts of a round first, then its shutdowns, ended by
 * SIGTERM, then its SIGKILLs, ended by killing the runner and starting the one that takes over (and
 * runs the next round). A commission shut down or taken over then finishes, its forker doing plain
 * work the second time. {@code -Dsleigh.it.leftovers.seed=N} replays a seed's choices (the timing
 * of the machine still varies), {@code -Dsleigh.it.leftovers.repetitions=N} sets how many (default
 * 100), {@code -Dsleigh.it.leftovers.per-round=N} how many share a round (default 20).
 */
class NoLeftoversIT extends ProjectTest {
  private static final int REPETITIONS = Integer.getInteger("sleigh.it.leftovers.repetitions", 100);
  private static final int PER_ROUND = Integer.getInteger("sleigh.it.leftovers.per-round", 20);

  private static final Duration GRACE = Duration.ofSeconds(1);

  /** The lease time every project of these tests configures. */
  private static final Duration LEASE_TTL = Duration.ofSeconds(2);

  private static final Duration HEARTBEAT = LEASE_TTL.dividedBy(3);
  private static final Duration STALL = Duration.ofSeconds(2);
  private static final Duration TURN = Duration.ofSeconds(6);
  private static final Duration HOOK = Duration.ofSeconds(8);
  private static final Duration EVIDENCE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration EVIDENCE_NO_TIMEOUT = Duration.ofMinutes(5);

  /**
   * What a loaded two-core machine may add to a deadline: the watchdog's and the heartbeat's
   * resolution, the rounds of SIGKILL while a forker keeps forking, a scan of {@code /proc}, and a
   * scheduler that lets a process wait.
   */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final List<String> timeline = new ArrayList<>();
  private String replay;
  private List<Repetition> repetitions;
  private Forkers forkers;
  private LeftoverWatch watch;
  private SleighProcess runner;
  private int runners;

  @Test
  @Timeout(value = 480, unit = TimeUnit.SECONDS)
  void forkersLeaveNoProcessAfterCancelStallTimeoutShutdownOrSigkillAndTakeover() throws Exception {
    long seed = Long.getLong("sleigh.it.leftovers.seed", System.nanoTime());
    replay = "seed " + seed + " (replay with -Dsleigh.it.leftovers.seed=" + seed + ")";
    System.out.println(getClass().getSimpleName() + ": " + replay);
    repetitions = Repetition.choose(new SplittableRandom(seed), REPETITIONS);
    forkers = new Forkers(project);
    project.isolateHome();
    project.configure(
        forkers.agentBody(),
        Tuning.standard()
            .cancelGrace(GRACE.toSeconds() + "s")
            .stallTimeout(STALL.toSeconds() + "s")
            .turnTimeout(TURN.toSeconds() + "s")
            .hooks(forkers.hooks(HOOK.toSeconds() + "s"))
            .maxAttemptsPerPhase(1)
            .maxLeaseExpiries(10_000)
            .concurrency(2 * PER_ROUND));
    watch = new LeftoverWatch(project.beacon, this::context, this::story);
    long began = System.nanoTime();
    runner = nextRunner();
    for (int from = 0; from < repetitions.size(); from += PER_ROUND) {
      round(repetitions.subList(from, Math.min(from + PER_ROUND, repetitions.size())));
    }
    watch.awaitAllGone(Duration.ofSeconds(60));
    finish();
    System.out.println(String.join("\n", timeline));
    System.out.println(
        getClass().getSimpleName()
            + ": "
            + repetitions.size()
            + " repetitions in "
            + Duration.ofNanos(System.nanoTime() - began).toSeconds()
            + "s; slowest ending of each kind "
            + watch.slowest()
            + "; "
            + replay);
  }

  private void round(List<Repetition> round) throws Exception {
    List<Repetition> inRound = round.stream().filter(r -> r.end().inRound()).toList();
    long began = System.nanoTime();
    start(inRound, "round-" + round.getFirst().id());
    watch.awaitForking(ids(inRound), LINE, this::onForking);
    String forked = since(began);
    watch.awaitGone(ids(inRound), TURN.plus(HOOK).plus(LINE));
    timeline.add(
        "round from %s: %d cancelled, stalled or timed out: all forking at %s, all gone at %s"
            .formatted(round.getFirst().id(), inRound.size(), forked, since(began)));
    shutdown(round.stream().filter(r -> r.end() == Ending.SHUTDOWN).toList());
    sigkill(round.stream().filter(r -> r.end() == Ending.SIGKILL).toList());
  }

  private static String since(long nanos) {
    return "%.1fs".formatted((System.nanoTime() - nanos) / 1e9);
  }

  /** A forker ended by a cancel is cancelled as soon as it forks; the others end by themselves. */
  private void onForking(Forking f) {
    Repetition r = repetition(f.commissionId());
    switch (r.end()) {
      case CANCEL -> {
        SleighProject.Cli cancel =
            project.cli("commission", "cancel", r.id(), "--reason", "leftovers test", "--json");
        assertThat(cancel.exit()).as(context() + "\n" + cancel.err()).isZero();
        watch.expectGone(f, "cancel", HEARTBEAT.plus(GRACE).plus(MARGIN));
      }
      case STALL, TIMEOUT ->
          watch.expectGone(f, r.end().wire(), f.atNanos(), limit(r).plus(GRACE).plus(MARGIN));
      case SHUTDOWN, SIGKILL -> {}
    }
  }

  /** The limit that ends a stalling or long forker in its place. */
  private static Duration limit(Repetition r) {
    return switch (r.place()) {
      case AGENT -> r.end() == Ending.STALL ? STALL : TURN;
      case EVIDENCE -> EVIDENCE_TIMEOUT;
      case AFTER_CREATE, BEFORE_RUN -> HOOK;
    };
  }

  /** SIGTERM while the forkers run: the runner ends them within the grace and exits in time. */
  private void shutdown(List<Repetition> group) throws Exception {
    if (group.isEmpty()) {
      return;
    }
    long began = System.nanoTime();
    startForking(group, "shutdown-" + group.getFirst().id());
    String forked = since(began);
    SleighProcess stopping = runner;
    stopping.term();
    group.forEach(r -> watch.expectGone(watch.of(r.id()), "shutdown", GRACE.plus(MARGIN)));
    // the next runner starts meanwhile; it can claim what the stopping one released only
    runner = nextRunner();
    watch.awaitGone(ids(group), GRACE.plus(MARGIN).plus(LINE));
    String gone = since(began);
    watch.await(() -> !stopping.isAlive(), Duration.ofSeconds(35), stopping::log);
    assertThat(stopping.awaitExit(Duration.ofSeconds(5))).as(context()).isZero();
    timeline.add(
        "  %d shut down: all forking at %s, all gone at %s, runner exited at %s"
            .formatted(group.size(), forked, gone, since(began)));
  }

  /**
   * SIGKILL while the forkers run, then a runner that takes over on the same host: once their
   * leases lapse it ends what the dead runner left, without a grace.
   */
  private void sigkill(List<Repetition> group) throws Exception {
    if (group.isEmpty()) {
      return;
    }
    long began = System.nanoTime();
    startForking(group, "sigkill-" + group.getFirst().id());
    String forked = since(began);
    runner.kill();
    runner = nextRunner();
    long ready = System.nanoTime();
    group.forEach(
        r -> watch.expectGone(watch.of(r.id()), "sigkill", ready, LEASE_TTL.plus(MARGIN)));
    timeline.add(
        "  %d killed: all forking at %s, the next runner ready at %s"
            .formatted(group.size(), forked, since(began)));
  }

  /**
   * Creates the commissions of {@code group} and waits until all their forkers run, those that need
   * the longest way through the pipeline first and those bound by a timeout of the runner (turn,
   * hooks) last: none may reach its own limit before the runner is ended.
   */
  private void startForking(List<Repetition> group, String file) throws InterruptedException {
    for (Place place : List.of(Place.EVIDENCE, Place.AGENT, Place.BEFORE_RUN, Place.AFTER_CREATE)) {
      List<Repetition> staged = group.stream().filter(r -> r.place() == place).toList();
      start(staged, file + "-" + place.wire);
      watch.awaitForking(ids(staged), LINE, f -> {});
    }
  }

  /** Plans and creates the commissions of {@code group} in one intake. */
  private void start(List<Repetition> group, String file) {
    if (group.isEmpty()) {
      return;
    }
    List<CommissionSpec> specs = new ArrayList<>();
    for (Repetition r : group) {
      forkers.plan(r.id(), new Forkers.Plan(r.place(), r.end() == Ending.STALL, r.deaf()));
      Duration evidence =
          r.end().inRound() && r.end() != Ending.CANCEL ? EVIDENCE_TIMEOUT : EVIDENCE_NO_TIMEOUT;
      specs.add(
          new CommissionSpec(
              r.id(),
              "repo",
              r.place() == Place.EVIDENCE
                  ? List.of(
                      new Evidence("forker", forkers.evidenceCommand(), evidence.toSeconds() + "s"))
                  : List.of()));
    }
    project.commissions(file + ".yaml", specs);
  }

  /** Starts a runner and waits until it says it started, holding the expectations meanwhile. */
  private SleighProcess nextRunner() throws InterruptedException {
    SleighProcess next = project.runner("runner-" + ++runners);
    Pattern started = Pattern.compile("runner .* started");
    watch.await(
        () -> next.lines().stream().anyMatch(started.asPredicate()),
        LINE,
        () -> next.name() + " to start\n" + next.log());
    return next;
  }

  /**
   * Lets every commission settle: the last runner stops, one drains; then each ended as its ending
   * says, the shut down and taken over ones completed, and nothing of any run is left.
   */
  private void finish() throws Exception {
    runner.term();
    assertThat(runner.awaitExit(Duration.ofSeconds(35))).as(context()).isZero();
    SleighProcess drain = project.runner("drain", "--drain");
    // 1 when a commission it carried ended failed; how each ended is checked below
    assertThat(drain.awaitExit(Duration.ofSeconds(120))).as(context() + drain.log()).isIn(0, 1);
    project.assertNoAgentLeft(context());
    List<String> wrong = new ArrayList<>();
    for (Repetition r : repetitions) {
      List<JsonNode> events = project.events(r.id());
      String state = project.show(r.id()).path("state").asText();
      String reasons =
          SleighProject.ofType(events, "phase_failed")
              .map(e -> e.path("data").path("reason").asText())
              .collect(Collectors.joining("; "));
      String expected = r.expectedEnd();
      if (!(state + " " + reasons).contains(expected)) {
        wrong.add(
            r + ": expected " + expected + ", got " + state + " " + reasons + describe(events));
      }
    }
    assertThat(wrong).as(context()).isEmpty();
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(context() + "\n" + verify).isTrue();
  }

  private Repetition repetition(String id) {
    return repetitions.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> ids(List<Repetition> group) {
    return group.stream().map(Repetition::id).toList();
  }

  /** The runners' log lines about commission {@code id} and about ending process trees. */
  private String story(String id) {
    return project.runnerLines().stream()
        .filter(l -> l.contains(id) || l.contains("Watchdog") || l.contains("ProcessTree"))
        .collect(Collectors.joining("\n"));
  }

  /** Seed, the choices, and where the runners' logs are kept; for failure messages. */
  private String context() {
    return replay
        + "\nrepetitions (commission ending/place[/deaf]):\n  "
        + repetitions.stream().map(Repetition::toString).collect(Collectors.joining("\n  "))
        + "\n"
        + String.join("\n", timeline)
        + "\nrunner logs: target/it-logs/"
        + getClass().getSimpleName();
  }
}
