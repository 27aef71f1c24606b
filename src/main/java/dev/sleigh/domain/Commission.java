package dev.sleigh.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A WorkCommission as the operator declared it (SPEC §2), with defaults applied and lists of paths
 * sorted and de-duplicated, so that two equal declarations are equal records with equal {@link
 * #snapshotHash()}.
 *
 * <p>{@code validUntil} is the explicit value or null; the effective deadline (default created +
 * 168h) is kept by the store, so re-submitting the same file later is still the same snapshot.
 */
public record Commission(
    String id,
    String title,
    DecisionRef decision,
    String problemCardRef,
    Repo repo,
    Scope scope,
    List<Evidence> evidence,
    Instant validUntil,
    DeliveryPolicy deliveryPolicy,
    ProjectionPolicy projectionPolicy,
    List<String> dependsOn,
    int priority,
    Autonomy autonomy,
    String body,
    String queue) {

  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(168);
  public static final int DEFAULT_PRIORITY = 3;

  /** The queue of a commission that names none; {@code sleigh run} without --queue claims all. */
  public static final String DEFAULT_QUEUE = "default";

  /** A commission of the default queue. */
  public Commission(
      String id,
      String title,
      DecisionRef decision,
      String problemCardRef,
      Repo repo,
      Scope scope,
      List<Evidence> evidence,
      Instant validUntil,
      DeliveryPolicy deliveryPolicy,
      ProjectionPolicy projectionPolicy,
      List<String> dependsOn,
      int priority,
      Autonomy autonomy,
      String body) {
    this(
        id,
        title,
        decision,
        problemCardRef,
        repo,
        scope,
        evidence,
        validUntil,
        deliveryPolicy,
        projectionPolicy,
        dependsOn,
        priority,
        autonomy,
        body,
        null);
  }

  public Commission {
    requireId("id", id);
    require(title != null && !title.isBlank(), "title", "must not be empty");
    require(decision != null, "decision", "is required");
    if (problemCardRef != null && problemCardRef.isBlank()) {
      problemCardRef = null;
    }
    require(repo != null, "repo", "is required");
    require(
        scope != null && !scope.allowedPaths().isEmpty(),
        "scope.allowed_paths",
        "must list at least one path: a commission is a bounded permission");
    evidence = List.copyOf(evidence == null ? List.of() : evidence);
    requireUniqueEvidenceNames(evidence);
    deliveryPolicy = deliveryPolicy == null ? DeliveryPolicy.MANUAL : deliveryPolicy;
    projectionPolicy = projectionPolicy == null ? ProjectionPolicy.LOCAL_ONLY : projectionPolicy;
    dependsOn = sortedUnique(dependsOn);
    for (String dep : dependsOn) {
      requireId("depends_on", dep);
      require(!dep.equals(id), "depends_on", "a commission cannot depend on itself");
    }
    require(
        priority >= 1 && priority <= 4, "priority", "must be 1 (highest) to 4, was " + priority);
    autonomy = autonomy == null ? Autonomy.DEFAULT : autonomy;
    body = body == null ? "" : body;
    queue = queue == null ? DEFAULT_QUEUE : queue;
    requireId("queue", queue);
  }

  /** The same commission under {@code id}, waiting for {@code dependsOn}. */
  public Commission withId(String id, List<String> dependsOn) {
    return new Commission(
        id,
        title,
        decision,
        problemCardRef,
        repo,
        scope,
        evidence,
        validUntil,
        deliveryPolicy,
        projectionPolicy,
        dependsOn,
        priority,
        autonomy,
        body,
        queue);
  }

  /** The effective deadline for a commission created at {@code createdAt}. */
  public Instant effectiveValidUntil(Instant createdAt) {
    return validUntil != null ? validUntil : createdAt.plus(DEFAULT_VALIDITY);
  }

  /**
   * The canonical form of SPEC §2: snake_case keys, every field, defaults applied ({@code queue}
   * only when it is not the default one).
   */
  public Map<String, Object> canonical() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("title", title);
    m.put("decision", Map.of("id", decision.id(), "revision", decision.revision()));
    m.put("problem_card_ref", problemCardRef);
    m.put("repo", repo.canonical());
    m.put("scope", scope.canonical());
    m.put("evidence", evidence.stream().map(Evidence::canonical).toList());
    m.put("valid_until", validUntil == null ? null : validUntil.toString());
    m.put("delivery_policy", deliveryPolicy.wire());
    m.put("projection_policy", projectionPolicy.wire());
    m.put("depends_on", dependsOn);
    m.put("priority", priority);
    m.put("autonomy", autonomy.canonical());
    m.put("body", body);
    // Only a queue of its own is part of the snapshot, so every commission written before queues
    // existed keeps the hash it had.
    if (!queue.equals(DEFAULT_QUEUE)) {
      m.put("queue", queue);
    }
    return m;
  }

  public String snapshotHash() {
    return CanonicalJson.sha256(CanonicalJson.write(canonical()));
  }

  static void requireId(String key, String value) {
    require(
        value != null && ID.matcher(value).matches(),
        key,
        "'"
            + value
            + "' is not a valid id: lower-case letters, digits, '.', '_', '-', 1-64 chars,"
            + " starting with a letter or digit");
  }

  static void require(boolean ok, String key, String message) {
    if (!ok) {
      throw new InvalidCommissionException(key, message);
    }
  }

  static List<String> sortedUnique(List<String> values) {
    if (values == null) {
      return List.of();
    }
    for (String v : values) {
      require(v != null && !v.isBlank(), "list entry", "entries must not be empty");
    }
    return List.copyOf(new TreeSet<>(values));
  }

  private static void requireUniqueEvidenceNames(List<Evidence> evidence) {
    var seen = new HashSet<String>();
    for (Evidence e : evidence) {
      require(seen.add(e.name()), "evidence", "duplicate evidence name '" + e.name() + "'");
    }
  }

  /** The decision revision this commission executes. */
  public record DecisionRef(String id, String revision) {
    public DecisionRef {
      requireId("decision.id", id);
      require(revision != null && !revision.isBlank(), "decision.revision", "must not be empty");
    }
  }

  /** A local repository path or a URL to clone, and the ref to start from. */
  public record Repo(String path, String url, String baseRef) {
    public Repo {
      require((path == null) != (url == null), "repo", "needs exactly one of 'path' or 'url'");
      require(baseRef != null && !baseRef.isBlank(), "repo.base_ref", "must not be empty");
    }

    Map<String, Object> canonical() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path);
      m.put("url", url);
      m.put("base_ref", baseRef);
      return m;
    }
  }

  /** Paths the commission may change, must not change, and the locks it holds while executing. */
  public record Scope(List<String> allowedPaths, List<String> forbiddenPaths, List<String> locks) {
    public Scope {
      allowedPaths = sortedUnique(allowedPaths);
      forbiddenPaths = sortedUnique(forbiddenPaths);
      locks = sortedUnique(locks);
      for (String p : allowedPaths) {
        requireRelative("scope.allowed_paths", p);
      }
      for (String p : forbiddenPaths) {
        requireRelative("scope.forbidden_paths", p);
      }
    }

    private static void requireRelative(String key, String glob) {
      require(
          !glob.startsWith("/") && !List.of(glob.split("/")).contains(".."),
          key,
          "'" + glob + "' must be a path relative to the repository without '..'");
    }

    Map<String, Object> canonical() {
      return Map.of(
          "allowed_paths", allowedPaths, "forbidden_paths", forbiddenPaths, "locks", locks);
    }
  }

  /** A command whose success is evidence that the work is done. */
  public record Evidence(String name, String command, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public Evidence {
      requireId("evidence.name", name);
      require(command != null && !command.isBlank(), "evidence.command", "must not be empty");
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
      require(!timeout.isNegative() && !timeout.isZero(), "evidence.timeout", "must be positive");
    }

    Map<String, Object> canonical() {
      return Map.of("name", name, "command", command, "timeout", Durations.format(timeout));
    }
  }

  /**
   * How far the agent may go on its own. {@code passOnMaxTurns}: whether an execute whose agent
   * used all {@code maxTurns} turns without saying it is done passes anyway (default false: it
   * fails {@code max_turns_without_done}).
   */
  public record Autonomy(
      int maxTurns,
      long maxTokens,
      Duration maxWallClock,
      OneWayDoor oneWayDoor,
      boolean passOnMaxTurns) {
    public static final Autonomy DEFAULT =
        new Autonomy(20, 2_000_000L, Duration.ofHours(2), OneWayDoor.ALLOW);

    /** Limits under which an agent that never says it is done does not pass. */
    public Autonomy(int maxTurns, long maxTokens, Duration maxWallClock, OneWayDoor oneWayDoor) {
      this(maxTurns, maxTokens, maxWallClock, oneWayDoor, false);
    }

    public Autonomy {
      require(maxTurns >= 1, "autonomy.max_turns", "must be at least 1");
      require(maxTokens >= 1, "autonomy.max_tokens", "must be at least 1");
      require(
          maxWallClock != null && !maxWallClock.isNegative() && !maxWallClock.isZero(),
          "autonomy.max_wall_clock",
          "must be positive");
      oneWayDoor = oneWayDoor == null ? OneWayDoor.ALLOW : oneWayDoor;
    }

    /**
     * The canonical form; {@code pass_on_max_turns} appears only when set, so that the snapshot
     * hash of every commission written before the key existed stays what it was.
     */
    Map<String, Object> canonical() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("max_turns", maxTurns);
      m.put("max_tokens", maxTokens);
      m.put("max_wall_clock", Durations.format(maxWallClock));
      m.put("one_way_door", oneWayDoor.wire());
      if (passOnMaxTurns) {
        m.put("pass_on_max_turns", true);
      }
      return m;
    }
  }

  /** What happens to the result when the commission completes. */
  public enum DeliveryPolicy {
    MANUAL,
    AUTO_APPLY_ON_PASS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the result must also be projected to an external tracker. */
  public enum ProjectionPolicy {
    LOCAL_ONLY,
    EXTERNAL_OPTIONAL,
    EXTERNAL_REQUIRED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether irreversible steps need a human approval first. */
  public enum OneWayDoor {
    ALLOW,
    REQUIRE_APPROVAL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The wire names of an enum's constants, for messages that list the valid choices. */
  public static List<String> wires(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) {
      out.add(v.name().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
