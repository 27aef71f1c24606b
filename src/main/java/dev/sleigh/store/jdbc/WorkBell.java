package dev.sleigh.store.jdbc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-process half of a {@link dev.sleigh.store.WorkWatch}: rung after a commit of this store
 * that left a commission claimable, so a runner of the same process (a {@code run --http} whose API
 * created or requeued it) claims at once.
 */
final class WorkBell {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition rung = lock.newCondition();
  private long rings;

  void ring() {
    lock.lock();
    try {
      rings++;
      rung.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many times it rang so far: a listener compares it with what it saw last. */
  long rings() {
    lock.lock();
    try {
      return rings;
    } finally {
      lock.unlock();
    }
  }

  /** Waits at most {@code max} for a ring after {@code seen}; the count now. */
  long awaitAfter(long seen, Duration max) throws InterruptedException {
    long nanos = max.toNanos();
    lock.lock();
    try {
      while (rings == seen && nanos > 0) {
        nanos = rung.awaitNanos(nanos);
      }
      return rings;
    } finally {
      lock.unlock();
    }
  }

  static long millis(Duration d) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(d.toNanos()));
  }
}
