package dev.sleigh.testkit;

import dev.sleigh.domain.Commission;
import java.util.List;

/** Commissions for tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Commission commission(String id) {
    return commission(id, "rev-1");
  }

  public static Commission commission(String id, String revision) {
    return new Commission(
        id,
        "Fix " + id,
        new Commission.DecisionRef("dec-1", revision),
        null,
        new Commission.Repo("/tmp/repo", null, "main"),
        new Commission.Scope(List.of("src/**"), List.of(), List.of()),
        List.of(),
        null,
        null,
        null,
        List.of(),
        3,
        null,
        "body of " + id);
  }

  public static Commission withPriority(Commission c, int priority) {
    return new Commission(
        c.id(),
        c.title(),
        c.decision(),
        c.problemCardRef(),
        c.repo(),
        c.scope(),
        c.evidence(),
        c.validUntil(),
        c.deliveryPolicy(),
        c.projectionPolicy(),
        c.dependsOn(),
        priority,
        c.autonomy(),
        c.body());
  }

  public static Commission withLocks(Commission c, String... locks) {
    return new Commission(
        c.id(),
        c.title(),
        c.decision(),
        c.problemCardRef(),
        c.repo(),
        new Commission.Scope(c.scope().allowedPaths(), c.scope().forbiddenPaths(), List.of(locks)),
        c.evidence(),
        c.validUntil(),
        c.deliveryPolicy(),
        c.projectionPolicy(),
        c.dependsOn(),
        c.priority(),
        c.autonomy(),
        c.body());
  }

  public static Commission dependingOn(Commission c, String... deps) {
    return new Commission(
        c.id(),
        c.title(),
        c.decision(),
        c.problemCardRef(),
        c.repo(),
        c.scope(),
        c.evidence(),
        c.validUntil(),
        c.deliveryPolicy(),
        c.projectionPolicy(),
        List.of(deps),
        c.priority(),
        c.autonomy(),
        c.body());
  }

  public static Commission withBody(Commission c, String body) {
    return new Commission(
        c.id(),
        c.title(),
        c.decision(),
        c.problemCardRef(),
        c.repo(),
        c.scope(),
        c.evidence(),
        c.validUntil(),
        c.deliveryPolicy(),
        c.projectionPolicy(),
        c.dependsOn(),
        c.priority(),
        c.autonomy(),
        body);
  }

  public static Commission validUntil(Commission c, java.time.Instant until) {
    return new Commission(
        c.id(),
        c.title(),
        c.decision(),
        c.problemCardRef(),
        c.repo(),
        c.scope(),
        c.evidence(),
        until,
        c.deliveryPolicy(),
        c.projectionPolicy(),
        c.dependsOn(),
        c.priority(),
        c.autonomy(),
        c.body());
  }
}
