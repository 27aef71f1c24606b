package dev.sleigh.runtime.projection;

import java.time.Duration;

/** What one target made of one publication. */
public sealed interface Attempt {
  /** The target has the outcome (or had nothing to take it: {@code detail} says so). */
  record Sent(String detail) implements Attempt {}

  /**
   * The target did not take it. {@code finalError}: it never will as things stand (401, 403, 404,
   * no token), so only an operator's retry tries again; otherwise it is retried, not before {@code
   * retryAfter} when the target said so (null: the desk's backoff).
   */
  record Refused(String reason, boolean finalError, Duration retryAfter) implements Attempt {}
}
