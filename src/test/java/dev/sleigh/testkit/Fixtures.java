package dev.sleigh.testkit;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.Commission;
import dev.sleigh.lifecycle.CheckpointPack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
    Copy copy = new Copy(c);
    copy.priority = priority;
    return copy.build();
  }

  public static Commission withLocks(Commission c, String... locks) {
    Copy copy = new Copy(c);
    copy.scope =
        new Commission.Scope(c.scope().allowedPaths(), c.scope().forbiddenPaths(), List.of(locks));
    return copy.build();
  }

  public static Commission dependingOn(Commission c, String... deps) {
    Copy copy = new Copy(c);
    copy.dependsOn = List.of(deps);
    return copy.build();
  }

  public static Commission inQueue(Commission c, String queue) {
    Copy copy = new Copy(c);
    copy.queue = queue;
    return copy.build();
  }

  public static Commission withBody(Commission c, String body) {
    Copy copy = new Copy(c);
    copy.body = body;
    return copy.build();
  }

  public static Commission withAutonomy(Commission c, Commission.Autonomy autonomy) {
    Copy copy = new Copy(c);
    copy.autonomy = autonomy;
    return copy.build();
  }

  public static Commission withProblemCard(Commission c, String ref) {
    Copy copy = new Copy(c);
    copy.problemCardRef = ref;
    return copy.build();
  }

  public static Commission withEvidence(Commission c, Commission.Evidence... evidence) {
    Copy copy = new Copy(c);
    copy.evidence = List.of(evidence);
    return copy.build();
  }

  public static Commission validUntil(Commission c, Instant until) {
    Copy copy = new Copy(c);
    copy.validUntil = until;
    return copy.build();
  }

  /**
   * Commission {@code id} of decision {@code dec-a} at {@code revision}, changing {@code src/**} of
   * the repository at {@code repo}.
   */
  public static Commission onRepo(String id, String revision, Path repo) {
    Copy copy = new Copy(commission(id, revision));
    copy.decision = new Commission.DecisionRef("dec-a", revision);
    copy.repo = new Commission.Repo(repo.toString(), null, "main");
    copy.body = "work";
    return copy.build();
  }

  /** A commission with some of its fields changed. */
  private static final class Copy {
    private final Commission from;
    Commission.Scope scope;
    Commission.Repo repo;
    Commission.DecisionRef decision;
    Instant validUntil;
    List<String> dependsOn;
    int priority;
    String body;
    Commission.Autonomy autonomy;
    String problemCardRef;
    List<Commission.Evidence> evidence;
    String queue;

    Copy(Commission from) {
      this.from = from;
      scope = from.scope();
      repo = from.repo();
      decision = from.decision();
      validUntil = from.validUntil();
      dependsOn = from.dependsOn();
      priority = from.priority();
      body = from.body();
      autonomy = from.autonomy();
      problemCardRef = from.problemCardRef();
      evidence = from.evidence();
      queue = from.queue();
    }

    Commission build() {
      return new Commission(
          from.id(),
          from.title(),
          decision,
          problemCardRef,
          repo,
          scope,
          evidence,
          validUntil,
          from.deliveryPolicy(),
          from.projectionPolicy(),
          dependsOn,
          priority,
          autonomy,
          body,
          queue);
    }
  }

  /** A checkpoint with a made-up pack, for store tests that only need one to be named. */
  public static CheckpointPack pack() {
    return pack("c0ffee".repeat(6) + "c0ff");
  }

  /** A made-up checkpoint whose commit is {@code commit}. */
  public static CheckpointPack pack(String commit) {
    byte[] bytes = ("PACK " + commit).getBytes(StandardCharsets.UTF_8);
    return new CheckpointPack(
        new CheckpointRef(commit, "7ree".repeat(10), "ba5e".repeat(10), bytes.length), bytes);
  }
}
