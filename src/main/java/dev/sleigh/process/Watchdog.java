package dev.sleigh.process;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines of running children, checked on platform threads of its own: a watch's limit (a stall,
 * a turn timeout, a cancel) is noticed within one {@link #tick()} whatever the virtual threads of
 * the runner are doing, and a child that its owner has not stopped within the grace after that is
 * killed here. Nothing that an agent writes or fails to write can delay it.
 */
public final class Watchdog implements AutoCloseable {
  /** How often the shared watchdog looks at its watches. */
  public static final Duration RESOLUTION = Duration.ofMillis(100);

  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
  private static final Object SHARED_LOCK = new Object();
  private static Watchdog shared;

  private final Set<Watch<?>> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timers;

  /** A watchdog whose watches are checked only by {@link #tick()}; tests drive it. */
  public Watchdog() {
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sleigh-watchdog-timer").factory());
  }

  /** The watchdog of this JVM, ticking every {@link #RESOLUTION} on a daemon platform thread. */
  public static Watchdog shared() {
    synchronized (SHARED_LOCK) {
      if (shared == null) {
        Watchdog w = new Watchdog();
        w.timers.scheduleWithFixedDelay(
            w::tickSafely, RESOLUTION.toMillis(), RESOLUTION.toMillis(), TimeUnit.MILLISECONDS);
        shared = w;
      }
      return shared;
    }
  }

  /**
   * Watches {@code child}: while the watch is open, {@code limit} is asked on every tick whether
   * the child must end. The first answer completes {@link Watch#fired()}; if the child's tree is
   * not ended {@code grace} later, the watchdog kills it.
   */
  public <T> Watch<T> watch(Child child, Duration grace, Supplier<Optional<T>> limit) {
    Watch<T> watch = new Watch<>(child, grace, limit);
    watches.add(watch);
    return watch;
  }

  /**
   * Completes {@code future} exceptionally with {@code failure} if it is not done in {@code limit}.
   */
  public <T> CompletableFuture<T> within(
      CompletableFuture<T> future, Duration limit, Supplier<? extends Throwable> failure) {
    var timer =
        timers.schedule(
            () -> future.completeExceptionally(failure.get()),
            Math.max(0, limit.toNanos()),
            TimeUnit.NANOSECONDS);
    future.whenComplete((ok, error) -> timer.cancel(false));
    return future;
  }

  /** Checks every open watch once. */
  public void tick() {
    for (Watch<?> w : watches) {
      w.check();
    }
  }

  /** How many watches are open; for tests and metrics. */
  public int open() {
    return watches.size();
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("A watch failed; the watchdog goes on with the others", e);
    }
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }

  /** One child under watch; closing it ends the watch, not the child. */
  public final class Watch<T> implements AutoCloseable {
    private final Child child;
    private final Duration grace;
    private final Supplier<Optional<T>> limit;
    private final CompletableFuture<T> fired = new CompletableFuture<>();

    private Watch(Child child, Duration grace, Supplier<Optional<T>> limit) {
      this.child = child;
      this.grace = grace;
      this.limit = limit;
    }

    /** Completes with the limit's answer when it is reached. */
    public CompletableFuture<T> fired() {
      return fired;
    }

    private void check() {
      Optional<T> reached = limit.get();
      if (reached.isEmpty() || !fired.complete(reached.get())) {
        return;
      }
      watches.remove(this);
      timers.schedule(this::backstop, Math.max(0, grace.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** The owner did not end the child within the grace: the watchdog does. */
    private void backstop() {
      if (!child.ended()) {
        // An owner that is stopping the child kills it at this very moment too: no news then.
        if (child.stopping()) {
          LOG.debug("{} outlived the {} grace; its owner and the watchdog kill it", child, grace);
        } else {
          LOG.warn(
              "{} still runs {} after its limit ({}) and its owner has not stopped it; killing its"
                  + " process tree",
              child,
              grace,
              fired.join());
        }
        Thread.ofPlatform()
            .daemon()
            .name("sleigh-watchdog-kill")
            .start(() -> child.kill(ProcessTree.REAP_LIMIT));
      }
    }

    @Override
    public void close() {
      watches.remove(this);
    }
  }
}
