package dev.sleigh.runtime;

import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the commissions in flight, and the runner's own registration, alive: every
 * {@link #tick(Instant)} renews what is due. A platform thread of its own drives it ({@link
 * #start()}), so no claim, sweep, agent or virtual thread can delay a heartbeat. A heartbeat that
 * answers {@code cancelled} or {@code lease_fenced} aborts that run; one that cannot reach the
 * store is tried again at the next tick, and the lease is renewed once the store is back if nobody
 * took it over meanwhile.
 */
final class LeaseKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final Duration MAX_TICK = Duration.ofSeconds(1);
  private static final Duration MIN_TICK = Duration.ofMillis(50);

  private final RunnerContext ctx;
  private final StoreOutage outage;

  /** By run id: an old run of a commission that stops late must not forget its new run's lease. */
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  private Instant nextRunnerBeat = Instant.MIN;
  private Instant nextProbe = Instant.MIN;
  private final java.util.concurrent.locks.ReentrantLock ticking =
      new java.util.concurrent.locks.ReentrantLock();
  private volatile Thread driver;

  /** One lease in flight: when it was last tried and when the store last confirmed it. */
  private static final class Kept {
    final CommissionRun run;
    volatile Instant tried;
    volatile Instant confirmed;

    Kept(CommissionRun run, Instant now) {
      this.run = run;
      this.tried = now;
      this.confirmed = now;
    }
  }

  LeaseKeeper(RunnerContext ctx, StoreOutage outage) {
    this.ctx = ctx;
    this.outage = outage;
  }

  /** Keeps the lease of {@code run}, which was just claimed, from now on. */
  void keep(CommissionRun run) {
    kept.put(run.journal().runId(), new Kept(run, ctx.clock().instant()));
  }

  void forget(String runId) {
    kept.remove(runId);
  }

  /**
   * Renews every lease that is due, and the runner's registration. While the store cannot be
   * reached, one probe is sent per pause instead; once it answers, every lease not confirmed within
   * the heartbeat interval is renewed at once.
   */
  void tick(Instant now) {
    // Whoever ticks already does the work; nobody waits behind a heartbeat the store holds up.
    if (!ticking.tryLock()) {
      return;
    }
    try {
      beatDue(now);
    } finally {
      ticking.unlock();
    }
  }

  private void beatDue(Instant now) {
    Duration every = ctx.settings().timing().heartbeatInterval();
    if (outage.active()) {
      if (now.isBefore(nextProbe)) {
        return;
      }
      if (!beatRunner(now, every)) {
        nextProbe = now.plus(outage.pause());
        return;
      }
      for (Kept k : kept.values()) {
        if (k.confirmed.plus(every).isBefore(now)) {
          beat(k, now);
        }
      }
    }
    for (Kept k : kept.values()) {
      if (outage.active()) {
        return;
      }
      if (!now.isBefore(k.tried.plus(every))) {
        beat(k, now);
      }
    }
    if (!now.isBefore(nextRunnerBeat)) {
      beatRunner(now, every);
    }
  }

  private boolean beatRunner(Instant now, Duration every) {
    try {
      ctx.store().runners().heartbeat(ctx.settings().runnerId());
      outage.reached();
      nextRunnerBeat = now.plus(every);
      return true;
    } catch (StoreException e) {
      outage.failed(e);
      return false;
    }
  }

  private void beat(Kept k, Instant now) {
    k.tried = now;
    Journal j = k.run.journal();
    try {
      var result =
          StoreOutage.reachedOrThrow(
              ctx.store()
                  .execute(
                      new Command.Heartbeat(
                          j.commissionId(), j.lease(), null, ctx.settings().timing().leaseTtl())));
      outage.reached();
      if (result instanceof CommandResult.Refused refused) {
        k.run.abort(refused.error().code().wire() + ": " + refused.error().message());
        kept.remove(j.runId());
      } else {
        k.confirmed = now;
      }
    } catch (StoreException e) {
      outage.failed(e);
    }
  }

  /**
   * Whether every lease kept was confirmed by the store within {@code limit} before {@code now}: a
   * runner whose own leases are not renewed yet (the store was just unreachable) does not expire
   * anyone's leases.
   */
  boolean allConfirmedWithin(Duration limit, Instant now) {
    return kept.values().stream().noneMatch(k -> k.confirmed.plus(limit).isBefore(now));
  }

  /** Drives {@link #tick(Instant)} on a platform thread until {@link #close()}. */
  void start() {
    Duration every = ctx.settings().timing().heartbeatInterval();
    Duration pause = every.dividedBy(4);
    Duration period =
        pause.compareTo(MAX_TICK) > 0 ? MAX_TICK : pause.compareTo(MIN_TICK) < 0 ? MIN_TICK : pause;
    driver =
        Thread.ofPlatform()
            .daemon()
            .name("sleigh-heartbeats")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      tick(ctx.clock().instant());
                      Thread.sleep(period);
                    } catch (InterruptedException e) {
                      return;
                    } catch (RuntimeException e) {
                      LOG.error("Heartbeat tick failed; trying again at the next one", e);
                    }
                  }
                });
  }

  @Override
  public void close() {
    Thread d = driver;
    if (d != null) {
      d.interrupt();
    }
  }
}
