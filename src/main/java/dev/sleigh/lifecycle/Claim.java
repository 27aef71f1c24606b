package dev.sleigh.lifecycle;

import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import java.time.Duration;
import java.util.Objects;

/**
 * A runner asks for the next claimable commission (or, with {@code onlyId}, for that one; with
 * {@code queue}, for one of that queue only). {@code policy} bounds the lease expiries counted when
 * the claim takes over a dead lease.
 */
public record Claim(
    String runnerId,
    Duration ttl,
    Workflow workflow,
    RetryPolicy policy,
    String onlyId,
    String queue) {

  /** A claim from every queue. */
  public Claim(
      String runnerId, Duration ttl, Workflow workflow, RetryPolicy policy, String onlyId) {
    this(runnerId, ttl, workflow, policy, onlyId, null);
  }

  public Claim {
    Objects.requireNonNull(runnerId, "runnerId");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(policy, "policy");
  }

  public static Claim next(String runnerId, Duration ttl) {
    return new Claim(runnerId, ttl, Workflow.DEFAULT, RetryPolicy.DEFAULT, null);
  }

  public Claim only(String id) {
    return new Claim(runnerId, ttl, workflow, policy, id, queue);
  }

  /** The same claim from queue {@code name} only; null for every queue. */
  public Claim inQueue(String name) {
    return new Claim(runnerId, ttl, workflow, policy, onlyId, name);
  }
}
