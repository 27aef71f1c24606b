package dev.sleigh.runtime;

import dev.sleigh.store.Claim;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.Command;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.Runners;
import dev.sleigh.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sleigh run}: each {@link #tick()} sweeps, claims up to the free concurrency, starts each
 * claimed commission on its own virtual thread and heartbeats the leases in flight. A heartbeat
 * that answers {@code cancelled} or {@code lease_fenced} stops that commission's agent.
 */
public final class Runner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private final RunnerContext ctx;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

  /** How far back ended runs are checked for agents that outlived them. */
  static final Duration ORPHAN_WINDOW = Duration.ofDays(1);

  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore finished = new Semaphore(0);
  private final OrphanReaper reaper;
  private final StrayAgents strays;
  private volatile boolean claiming = true;
  private Instant nextClaim = Instant.MIN;
  private Instant nextRunnerBeat = Instant.MIN;

  private record InFlight(CommissionRun run, Future<?> future, Instant[] lastBeat) {}

  public Runner(RunnerContext ctx) {
    this.ctx = ctx;
    this.strays = new StrayAgents(ctx.store());
    this.reaper = new OrphanReaper(ctx.store(), ctx.self().host());
  }

  public void register() {
    ctx.store()
        .runners()
        .register(
            new Runners.RunnerInfo(
                ctx.settings().runnerId(), ctx.self().host(), ctx.self().pid(), null, null, null));
  }

  /** One pass; returns how many commissions it claimed. */
  public int tick() throws InterruptedException {
    Instant now = ctx.clock().instant();
    reapFinished();
    heartbeats(now);
    int claimed = 0;
    if (claiming && !now.isBefore(nextClaim)) {
      ctx.store().sweep(ctx.settings().retry());
      expireApprovals(now);
      reaper.reapEnded(now.minus(ORPHAN_WINDOW));
      claimed = claimUpTo(ctx.settings().concurrency() - inFlight.size());
      nextClaim = now.plus(ctx.settings().timing().pollInterval());
    }
    if (!now.isBefore(nextRunnerBeat)) {
      ctx.store().runners().heartbeat(ctx.settings().runnerId());
      strays.reap();
      nextRunnerBeat = now.plus(ctx.settings().timing().heartbeatInterval());
    }
    return claimed;
  }

  public int inFlight() {
    reapFinished();
    return inFlight.size();
  }

  /** No more claims; commissions in flight go on. */
  public void stopClaiming() {
    claiming = false;
  }

  /** True when nothing is in flight and no commission can move without an operator. */
  public boolean drained() {
    return inFlight() == 0 && !Drain.anyCanMove(ctx.store());
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
    return poll.compareTo(beat) < 0 ? poll : beat;
  }

  /**
   * Graceful shutdown: stop claiming, stop every agent, release every lease (state kept), and wait
   * for the runs to end, at most {@code deadline}.
   */
  public void shutdown(Duration deadline) throws InterruptedException {
    claiming = false;
    inFlight.values().forEach(f -> f.run().stop());
    long end = System.nanoTime() + deadline.toNanos();
    // Leases are kept alive while the agents stop, so each run's release still lands.
    while (inFlight() > 0 && System.nanoTime() < end) {
      heartbeats(ctx.clock().instant());
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
      awaitChange(
          Duration.ofMillis(
              Math.min(left, ctx.settings().timing().heartbeatInterval().toMillis())));
    }
    for (InFlight f : inFlight.values()) {
      LOG.warn(
          "{}: did not stop within the shutdown deadline; its lease will expire",
          f.run().commissionId());
    }
    ctx.store().runners().stopped(ctx.settings().runnerId());
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  /**
   * Requests older than {@code gates.human.expire_after} are rejected, so nothing waits forever.
   */
  private void expireApprovals(Instant now) {
    Duration limit = ctx.settings().safeguards().human().expireAfter();
    for (var r : ctx.store().list(Optional.of(dev.sleigh.domain.CommissionState.WAITING_HUMAN))) {
      if (!r.updatedAt().plus(limit).isAfter(now)) {
        ctx.store()
            .execute(
                new Command.Reject(
                    r.id(),
                    "sweep:approval_expired:" + r.generation() + ":" + r.lastSeq(),
                    "approval_expired: no decision within "
                        + dev.sleigh.domain.Durations.format(limit)));
      }
    }
  }

  private int claimUpTo(int slots) throws InterruptedException {
    int claimed = 0;
    while (claimed < slots) {
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
    try {
      return ctx.store()
          .claim(new Claim(s.runnerId(), s.timing().leaseTtl(), s.workflow(), s.retry(), null));
    } catch (StoreException e) {
      LOG.warn("claim failed ({}); trying again at the next tick", e.getMessage());
      return Optional.empty();
    }
  }

  private void start(Claimed claimed) throws InterruptedException {
    String id = claimed.record().id();
    reaper.reap(id, claimed.runId());
    strays.reapOthers(id, claimed.runId());
    CommissionRun run = new CommissionRun(ctx, claimed);
    LOG.info(
        "{}: claimed (epoch {}), resuming at {}", id, claimed.lease().epoch(), claimed.resume());
    run.journal()
        .note(
            "claimed",
            null,
            0,
            java.util.Map.of(
                "runner_id", ctx.settings().runnerId(), "resume", claimed.resume().toString()));
    // The permit is released once the future is complete, so a woken driver sees it done.
    CompletableFuture<Void> future = CompletableFuture.runAsync(run, threads);
    future.whenComplete((ok, error) -> finished.release());
    inFlight.put(id, new InFlight(run, future, new Instant[] {ctx.clock().instant()}));
  }

  private void heartbeats(Instant now) {
    Duration every = ctx.settings().timing().heartbeatInterval();
    for (InFlight f : inFlight.values()) {
      if (f.future().isDone() || now.isBefore(f.lastBeat()[0].plus(every))) {
        continue;
      }
      f.lastBeat()[0] = now;
      Journal j = f.run().journal();
      try {
        if (ctx.store()
                .execute(
                    new Command.Heartbeat(
                        j.commissionId(), j.lease(), null, ctx.settings().timing().leaseTtl()))
            instanceof CommandResult.Refused refused) {
          f.run().abort(refused.error().code().wire() + ": " + refused.error().message());
        }
      } catch (StoreException e) {
        LOG.warn(
            "{}: heartbeat failed ({}); the lease may expire", j.commissionId(), e.getMessage());
      }
    }
  }

  private void reapFinished() {
    inFlight.values().removeIf(f -> f.future().isDone());
  }
}
