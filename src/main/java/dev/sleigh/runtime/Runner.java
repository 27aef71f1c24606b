package dev.sleigh.runtime;

import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.ResumePoint;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.runtime.phase.RunNote;
import dev.sleigh.runtime.projection.ProjectionDesk;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.Runners;
import dev.sleigh.store.StoreException;
import dev.sleigh.store.WorkWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sleigh run}: each {@link #tick()} keeps house ({@link Housekeeping}), claims up to the
 * free concurrency and starts each claimed commission on its own virtual thread. The {@link
 * LeaseKeeper} heartbeats the leases in flight on a thread of its own; a heartbeat that answers
 * {@code cancelled} or {@code lease_fenced} stops that commission's agent. While the store cannot
 * be reached ({@link StoreOutage}) the runner rides through: agents keep working, nothing is
 * claimed or swept, leases are renewed once it is back. A store that answers it is damaged is never
 * ridden through: the driver sees {@link #storeDamage()} and {@link #halt()}s the runner.
 */
public final class Runner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  /** How far back ended runs are checked for agents that outlived them. */
  static final Duration ORPHAN_WINDOW = Duration.ofDays(1);

  /** How long the work listener waits on the store's watch before it looks again. */
  private static final Duration WATCH_ROUND = Duration.ofSeconds(1);

  /** After the shutdown deadline, how long runs whose children were killed may take to end. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(3);

  private final RunnerContext ctx;

  /**
   * By run id, not commission id: a commission this runner lost and claimed again has two runs here
   * until the old one has stopped, and each must be tracked until it ends.
   */
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

  /** Every commission this runner claimed, in the order of its first claim. */
  private final Set<String> touched = Collections.synchronizedSet(new LinkedHashSet<>());

  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore finished = new Semaphore(0);
  private final OrphanReaper reaper;
  private final StrayAgents strays;
  private final StoreOutage outage;
  private final LeaseKeeper keeper;
  private final Housekeeping housekeeping;
  private final ProjectionDesk projections;
  private volatile boolean claiming = true;
  private final AtomicBoolean workRang = new AtomicBoolean();
  private Thread workListener;
  private Instant nextClaim = Instant.MIN;
  private Instant nextStrayScan = Instant.MIN;
  private Instant nextProjection = Instant.MIN;

  /**
   * Whether publishing runs apart from the ticks: once the runner runs on its own threads ({@link
   * #startHeartbeats()}), a slow projection target must not hold up claims and sweeps. Before, a
   * tick publishes itself, as tests that drive ticks by hand expect.
   */
  private volatile boolean publishApart;

  private final AtomicBoolean publishing = new AtomicBoolean();

  private record InFlight(CommissionRun run, Future<?> future) {}

  public Runner(RunnerContext ctx) {
    this.ctx = ctx;
    this.strays = new StrayAgents(ctx.store());
    this.reaper = new OrphanReaper(ctx.store(), ctx.self().host());
    this.outage = new StoreOutage(ctx.clock(), ctx.settings().timing().storeOutageLimit());
    this.keeper = new LeaseKeeper(ctx, outage);
    this.housekeeping = new Housekeeping(ctx);
    this.projections = new ProjectionDesk(ctx.store(), ctx.clock(), ctx.projection());
  }

  public void register() {
    ctx.store()
        .runners()
        .register(
            new Runners.RunnerInfo(
                ctx.settings().runnerId(), ctx.self().host(), ctx.self().pid(), null, null, null));
  }

  /**
   * Heartbeats from now on run on a platform thread of their own, whatever the ticks do; and a
   * second one listens for new work, so that a commission created, requeued, approved or released
   * is claimed at once rather than at the next poll.
   */
  public void startHeartbeats() {
    keeper.start();
    listenForWork();
    publishApart = true;
  }

  private void listenForWork() {
    WorkWatch watch = ctx.store().watchWork();
    workListener =
        Thread.ofPlatform()
            .daemon()
            .name("sleigh-work-watch")
            .start(
                () -> {
                  try (watch) {
                    while (!Thread.currentThread().isInterrupted()) {
                      if (watch.await(WATCH_ROUND)) {
                        workRang.set(true);
                        finished.release();
                      }
                    }
                  } catch (InterruptedException e) {
                    // closing
                  } catch (RuntimeException e) {
                    LOG.warn("Stopped listening for new work; claims wait for the poll", e);
                  }
                });
  }

  /** One pass; returns how many commissions it claimed. */
  public int tick() throws InterruptedException {
    if (outage.damage().isPresent()) {
      return 0;
    }
    Instant now = ctx.clock().instant();
    reapFinished();
    keeper.tick(now);
    if (outage.active()) {
      return 0;
    }
    boolean rang = workRang.getAndSet(false);
    try {
      int claimed = 0;
      if (claiming && now.isBefore(nextClaim) && rang) {
        // New work was announced between polls: claim it now; the sweep waits for the poll.
        claimed = claimUpTo(ctx.settings().concurrency() - inFlight.size());
      } else if (claiming && !now.isBefore(nextClaim)) {
        if (mayTakeOver()) {
          var swept = housekeeping.run(now);
          if (!swept.leasesExpired().isEmpty()) {
            // All at once, before their commissions are claimed again one by one.
            strays.reap(ownRuns());
            nextStrayScan = now.plus(ctx.settings().timing().heartbeatInterval());
          }
        }
        reaper.reapEnded(now.minus(ORPHAN_WINDOW), ownRuns());
        claimed = claimUpTo(ctx.settings().concurrency() - inFlight.size());
        nextClaim = now.plus(ctx.settings().timing().pollInterval());
      }
      if (!now.isBefore(nextStrayScan)) {
        strays.reap(ownRuns());
        nextStrayScan = now.plus(ctx.settings().timing().heartbeatInterval());
      }
      if (!now.isBefore(nextProjection)) {
        // Debts are paid by any runner, claiming or draining: a publication holds no lease.
        nextProjection = now.plus(ctx.settings().timing().pollInterval());
        if (publishApart) {
          publishApart();
        } else {
          projections.tick();
        }
      }
      return claimed;
    } catch (StoreException e) {
      outage.failed(e);
      return 0;
    }
  }

  /** One round of publishing on a thread of its own, unless the last round is still going. */
  private void publishApart() {
    if (!publishing.compareAndSet(false, true)) {
      return;
    }
    try {
      threads.execute(
          () -> {
            try {
              projections.tick();
            } catch (StoreException e) {
              outage.failed(e);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              LOG.warn("Publishing projections failed; trying again at the next poll", e);
            } finally {
              publishing.set(false);
              // the driver may be waiting for this round to end (run --once, --drain)
              finished.release();
            }
          });
    } catch (RejectedExecutionException closing) {
      publishing.set(false);
    }
  }

  /**
   * Sweeping and claiming expire leases (a claim takes over a lease past its expiry), so a runner
   * does either only once its own leases are renewed and the store has been reachable for a whole
   * lease time: after an outage every runner, this one included, gets the chance to renew the
   * leases nobody took over. Otherwise the first claim after a locked SQLite file would take this
   * runner's own commission over from under its agent, and run it again. Asked right before each
   * sweep and claim, never earlier: a call before it may have waited out the whole outage.
   */
  private boolean mayTakeOver() {
    Instant now = ctx.clock().instant();
    Duration beat = ctx.settings().timing().heartbeatInterval();
    return !outage.endedWithin(ctx.settings().timing().leaseTtl())
        && keeper.allConfirmedWithin(beat.multipliedBy(2), now);
  }

  public int inFlight() {
    reapFinished();
    return inFlight.size();
  }

  /**
   * Whether a round of publishing runs apart from the ticks: {@code run --once} and {@code --drain}
   * wait for it, so what the round did is recorded before they report and exit.
   */
  public boolean publishing() {
    return publishing.get();
  }

  /** No more claims; commissions in flight go on. */
  public void stopClaiming() {
    claiming = false;
  }

  /**
   * True when nothing is in flight and no commission can move without an operator; never while the
   * store cannot be reached.
   */
  public boolean drained() {
    if (inFlight() > 0 || publishing.get() || outage.active()) {
      return false;
    }
    try {
      return !Drain.anyCanMove(ctx.store(), ctx.settings().queue());
    } catch (StoreException e) {
      outage.failed(e);
      return false;
    }
  }

  /**
   * True once the store has been unreachable for longer than {@code engine.store_outage_limit}: the
   * runner must stop, ending every child first.
   */
  public boolean storeLost() {
    return outage.beyondLimit();
  }

  /**
   * What the store said once it answered that it is damaged ({@code store_corrupt}): the runner
   * must {@link #halt()}.
   */
  public Optional<StoreError> storeDamage() {
    return outage.damage();
  }

  /**
   * Stops on a damaged store without writing to it again: no heartbeats, every run's agent, hook or
   * evidence command stopped and its run writing nothing more, what has not ended after a moment
   * killed, process tree and all. Not even the runner's stop is recorded; the leases expire.
   */
  public void halt() throws InterruptedException {
    claiming = false;
    keeper.close();
    String why = outage.damage().map(StoreError::message).orElse("the store is damaged");
    inFlight.values().forEach(f -> f.run().abort("store_corrupt: " + why));
    long end = System.nanoTime() + AFTER_KILL.toNanos();
    while (inFlight() > 0 && System.nanoTime() < end) {
      awaitChange(Duration.ofMillis(100));
    }
    for (InFlight f : List.copyOf(inFlight.values())) {
      LOG.warn(
          "{}: did not stop after the store was found damaged; killing it", f.run().commissionId());
      f.run().killChildren();
      f.future().cancel(true);
    }
  }

  /** Waits until a commission in flight finishes or {@code max} passes. */
  public void awaitChange(Duration max) throws InterruptedException {
    if (finished.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
      finished.drainPermits();
    }
  }

  /** How long the driver may wait before the next tick is due. */
  public Duration tickInterval() {
    Duration poll = ctx.settings().timing().pollInterval();
    Duration beat = ctx.settings().timing().heartbeatInterval();
    Duration least = poll.compareTo(beat) < 0 ? poll : beat;
    Duration pause = outage.active() ? outage.pause() : least;
    return pause.compareTo(least) < 0 ? pause : least;
  }

  /**
   * Graceful shutdown: stop claiming, stop every agent, release every lease (state kept), and wait
   * for the runs to end, at most {@code deadline}. What has not stopped by then is killed, process
   * tree and all, and its lease released, so the runner never exits while a child of its own runs.
   */
  public void shutdown(Duration deadline) throws InterruptedException {
    claiming = false;
    inFlight.values().forEach(f -> f.run().stop());
    long end = System.nanoTime() + deadline.toNanos();
    // The keeper keeps leases alive while the agents stop, so each run's release still lands.
    while (inFlight() > 0 && System.nanoTime() < end) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
      awaitChange(
          Duration.ofMillis(
              Math.min(left, ctx.settings().timing().heartbeatInterval().toMillis())));
      keeper.tick(ctx.clock().instant());
    }
    List<InFlight> late = List.copyOf(inFlight.values());
    if (!late.isEmpty()) {
      endLate(late);
    }
    keeper.close();
    try {
      ctx.store().runners().stopped(ctx.settings().runnerId());
    } catch (StoreException e) {
      LOG.warn(
          "Could not record that runner {} stopped: {}", ctx.settings().runnerId(), e.getMessage());
    }
  }

  /** Runs that did not stop within the deadline: kill what they started, then let go of them. */
  private void endLate(List<InFlight> late) throws InterruptedException {
    for (InFlight f : late) {
      LOG.warn(
          "{}: did not stop within the shutdown deadline; killing its processes and releasing its"
              + " lease",
          f.run().commissionId());
      f.run().killChildren();
    }
    long end = System.nanoTime() + AFTER_KILL.toNanos();
    while (inFlight() > 0 && System.nanoTime() < end) {
      awaitChange(Duration.ofMillis(100));
    }
    for (InFlight f : List.copyOf(inFlight.values())) {
      f.run().forceRelease("shutdown deadline passed");
      f.future().cancel(true);
    }
  }

  @Override
  public void close() {
    keeper.close();
    Thread listener = workListener;
    if (listener != null) {
      listener.interrupt();
      try {
        listener.join(WATCH_ROUND.multipliedBy(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.shutdownNow();
  }

  private int claimUpTo(int slots) throws InterruptedException {
    int claimed = 0;
    while (claimed < slots && mayTakeOver()) {
      Optional<Claimed> next = claimOne();
      if (next.isEmpty()) {
        break;
      }
      start(next.get());
      claimed++;
    }
    return claimed;
  }

  private Optional<Claimed> claimOne() {
    RunnerSettings s = ctx.settings();
    return ctx.store()
        .claim(
            new Claim(s.runnerId(), s.timing().leaseTtl(), s.workflow(), s.retry(), null)
                .inQueue(s.queue()));
  }

  private void start(Claimed claimed) throws InterruptedException {
    String id = claimed.record().id();
    touched.add(id);
    CommissionRun run = new CommissionRun(ctx, claimed, outage);
    String runId = run.journal().runId();
    keeper.keep(run);
    reaper.reap(id, claimed.runId());
    strays.reapOthers(id, claimed.runId());
    LOG.info(
        "{}: claimed (epoch {}), resuming at {}",
        id,
        claimed.lease().epoch(),
        ResumeView.describe(claimed.resume()));
    ResumePoint resume = claimed.resume();
    run.journal()
        .note(
            RunNote.CLAIMED,
            resume instanceof ResumePoint.Run r ? r.phase() : null,
            resume instanceof ResumePoint.Run r ? r.attempt() : 0,
            Map.of("runner_id", ctx.settings().runnerId(), "resume", ResumeView.of(resume)));
    // The permit is released once the future is complete, so a woken driver sees it done.
    CompletableFuture<Void> future = CompletableFuture.runAsync(run, threads);
    future.whenComplete(
        (ok, error) -> {
          keeper.forget(runId);
          try {
            ended(run);
          } finally {
            finished.release();
          }
        });
    inFlight.put(runId, new InFlight(run, future));
  }

  /**
   * Says that a run ended, whatever ended it (its commission settled or waits, its attempt failed,
   * it was cancelled, its lease was lost, it was released at shutdown): whoever shows runs in
   * flight drops it here. {@code lost} says why the run lost its right to write, when it did.
   */
  private static void ended(CommissionRun run) {
    String lost = run.journal().lostBecause();
    try {
      run.journal()
          .note(RunNote.RUN_ENDED, null, 0, lost == null ? Map.of() : Map.of("lost", lost));
    } catch (RuntimeException e) {
      LOG.warn("{}: could not report that its run ended: {}", run.commissionId(), e.toString());
    }
  }

  /** The ids of the commissions this runner claimed so far, in the order of their first claim. */
  public List<String> touched() {
    synchronized (touched) {
      return List.copyOf(touched);
    }
  }

  /** The run ids of the commissions in flight here. */
  private Set<String> ownRuns() {
    return inFlight.values().stream()
        .map(f -> f.run().journal().runId())
        .collect(Collectors.toSet());
  }

  private void reapFinished() {
    inFlight.values().removeIf(f -> f.future().isDone());
  }
}
