package dev.sleigh.store;

import java.time.Duration;

/**
 * Tells a runner that the store may hold work to claim: a commission created, requeued, approved,
 * released or failed with a retry, in this process or, through the database, in another. A runner
 * waits on it between its polls, so a claim follows such a change within milliseconds instead of at
 * the next poll; the poll stays as the fallback for what the watch cannot see (a retry coming due,
 * a lease expiring).
 */
public interface WorkWatch extends AutoCloseable {

  /**
   * Waits until the store may hold new work, at most {@code max}; true when it may, false when
   * {@code max} passed without a sign. A sign may be false: the claim that follows finds nothing.
   */
  boolean await(Duration max) throws InterruptedException;

  @Override
  void close();
}
