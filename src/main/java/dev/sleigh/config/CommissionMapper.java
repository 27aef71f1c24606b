package dev.sleigh.config;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Commission.Autonomy;
import dev.sleigh.domain.Commission.DecisionRef;
import dev.sleigh.domain.Commission.Evidence;
import dev.sleigh.domain.Commission.Repo;
import dev.sleigh.domain.Commission.Scope;
import dev.sleigh.domain.Durations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Turns one commission mapping of a file (SPEC §2) into a validated {@link Commission}. */
final class CommissionMapper {
  private static final List<String> FIELDS =
      List.of(
          "id",
          "title",
          "decision",
          "problem_card_ref",
          "repo",
          "scope",
          "evidence",
          "valid_until",
          "delivery_policy",
          "projection_policy",
          "depends_on",
          "priority",
          "autonomy",
          "body",
          "queue");

  private final Path baseDir;
  private final RevisionResolver resolver;

  CommissionMapper(Path baseDir, RevisionResolver resolver) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
    this.resolver = resolver;
  }

  /** The commission of {@code c}; every problem of it at once, when it has any. */
  Commission map(LocatedNode c) {
    return map(c, FIELDS, null, UnaryOperator.identity());
  }

  /**
   * The commission of a plan entry {@code c}, whose keys are among {@code fields}: its id is {@code
   * id}, and each name of its {@code depends_on} becomes what {@code dependency} makes of it.
   */
  Commission mapEntry(
      LocatedNode c, List<String> fields, String id, UnaryOperator<String> dependency) {
    return map(c, fields, id, dependency);
  }

  private Commission map(
      LocatedNode c, List<String> fields, String fixedId, UnaryOperator<String> dependency) {
    Problems problems = new Problems();
    problems.check(() -> c.mapping(fields));
    Optional<String> given =
        fixedId != null ? Optional.of(fixedId) : problems.read(() -> c.field("id").optionalText());
    String id = given == null || given.isEmpty() ? PENDING_ID : given.get();
    String title = problems.read(() -> c.field("title").text());
    DecisionRef decision = problems.read(() -> decision(c));
    String problemCardRef =
        problems.read(() -> c.field("problem_card_ref").optionalText().orElse(null));
    Repo repo = problems.read(() -> repo(c));
    Scope scope = problems.read(() -> scope(c));
    List<Evidence> evidence =
        problems.read(() -> c.field("evidence").elements().stream().map(this::evidence).toList());
    Instant validUntil =
        problems.read(
            () -> c.field("valid_until").present() ? instant(c.field("valid_until")) : null);
    var delivery =
        problems.read(() -> choice(c.field("delivery_policy"), Commission.DeliveryPolicy.values()));
    var projection =
        problems.read(
            () -> choice(c.field("projection_policy"), Commission.ProjectionPolicy.values()));
    List<String> dependsOn =
        problems.read(() -> c.field("depends_on").texts().stream().map(dependency).toList());
    LocatedNode priorityNode = c.field("priority");
    Integer priority =
        problems.read(
            () ->
                priorityNode.present()
                    ? (int) priorityNode.integer(1, 4)
                    : Commission.DEFAULT_PRIORITY);
    Autonomy autonomy = problems.read(() -> autonomy(c));
    String body = problems.read(() -> c.field("body").optionalText().orElse(null));
    String queue = problems.read(() -> c.field("queue").optionalText().orElse(null));
    problems.throwAny();
    Commission mapped =
        c.validated(
            "",
            () ->
                new Commission(
                    id,
                    title,
                    decision,
                    problemCardRef,
                    repo,
                    scope,
                    evidence,
                    validUntil,
                    delivery,
                    projection,
                    dependsOn,
                    priority,
                    autonomy,
                    body,
                    queue));
    return given.isPresent() ? mapped : withId(mapped, derivedId(mapped));
  }

  /** The id a commission gets while its content is hashed for an id of its own. */
  private static final String PENDING_ID = "wc-pending";

  /**
   * A commission without an id is named after its content: {@code wc-} and the first 26 hex digits
   * of its snapshot hash (which covers the decision and its revision, and resolved paths), so the
   * same file submitted again is the same commission, never a second one.
   */
  static String derivedId(Commission pending) {
    return "wc-" + pending.snapshotHash().substring(0, 26);
  }

  private static Commission withId(Commission c, String id) {
    return c.withId(id, c.dependsOn());
  }

  private DecisionRef decision(LocatedNode c) {
    LocatedNode d = c.field("decision").mapping(List.of("id", "revision"));
    String id = d.field("id").text();
    String revision =
        d.field("revision")
            .optionalText()
            .or(() -> resolver.currentRevision(id))
            .orElseThrow(
                () ->
                    d.field("id")
                        .fail(
                            "decision '"
                                + id
                                + "' does not exist; add it with"
                                + " `sleigh decision add` or give decision.revision"));
    return c.validated("", () -> new DecisionRef(id, revision));
  }

  private Repo repo(LocatedNode c) {
    LocatedNode r = c.field("repo").mapping(List.of("path", "url", "base_ref"));
    String path = r.field("path").optionalText().map(p -> resolve(r.field("path"), p)).orElse(null);
    String url = r.field("url").optionalText().orElse(null);
    String baseRef = r.field("base_ref").text();
    return c.validated("", () -> new Repo(path, url, baseRef));
  }

  private String resolve(LocatedNode at, String path) {
    try {
      return baseDir.resolve(path).normalize().toString();
    } catch (InvalidPathException e) {
      throw at.fail("invalid path '" + path + "': " + e.getReason());
    }
  }

  private Scope scope(LocatedNode c) {
    LocatedNode s = c.field("scope").mapping(List.of("allowed_paths", "forbidden_paths", "locks"));
    LocatedNode allowedNode = s.field("allowed_paths").required();
    List<String> allowed = allowedNode.texts();
    if (allowed.isEmpty()) {
      throw allowedNode.fail("must list at least one path: a commission is a bounded permission");
    }
    List<String> forbidden = s.field("forbidden_paths").texts();
    List<String> locks = s.field("locks").texts();
    return c.validated("", () -> new Scope(allowed, forbidden, locks));
  }

  private Evidence evidence(LocatedNode e) {
    e.mapping(List.of("name", "command", "timeout"));
    String name = e.field("name").text();
    String command = e.field("command").text();
    Duration timeout = e.field("timeout").present() ? duration(e.field("timeout")) : null;
    return e.validated("evidence", () -> new Evidence(name, command, timeout));
  }

  private Autonomy autonomy(LocatedNode c) {
    LocatedNode a = c.field("autonomy");
    if (!a.present()) {
      return null;
    }
    a.mapping(
        List.of("max_turns", "max_tokens", "max_wall_clock", "one_way_door", "pass_on_max_turns"));
    Autonomy d = Autonomy.DEFAULT;
    LocatedNode turns = a.field("max_turns");
    LocatedNode tokens = a.field("max_tokens");
    LocatedNode wall = a.field("max_wall_clock");
    int maxTurns = turns.present() ? (int) turns.integer(1, Integer.MAX_VALUE) : d.maxTurns();
    long maxTokens = tokens.present() ? tokens.integer(1, Long.MAX_VALUE) : d.maxTokens();
    Duration maxWallClock = wall.present() ? duration(wall) : d.maxWallClock();
    var oneWayDoor = choice(a.field("one_way_door"), Commission.OneWayDoor.values());
    LocatedNode pass = a.field("pass_on_max_turns");
    boolean passOnMaxTurns = pass.present() ? pass.bool() : d.passOnMaxTurns();
    return c.validated(
        "", () -> new Autonomy(maxTurns, maxTokens, maxWallClock, oneWayDoor, passOnMaxTurns));
  }

  private static Duration duration(LocatedNode at) {
    // A bare number is a forgotten unit, not a string that needs quoting.
    String text = at.node().isNumber() ? at.node().asText() : at.text();
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw at.fail(e.getMessage());
    }
  }

  /** The enum constant whose lower-case name is the value, or null when the key is absent. */
  private static <E extends Enum<E>> E choice(LocatedNode at, E[] values) {
    if (!at.present()) {
      return null;
    }
    String text = at.text();
    for (E value : values) {
      if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
        return value;
      }
    }
    String expected = String.join(", ", Commission.wires(values));
    throw at.fail("invalid value '" + text + "'; expected one of " + expected);
  }

  /** An ISO-8601 instant; also the other YAML timestamp forms (space separator, date only). */
  private static Instant instant(LocatedNode at) {
    String text = at.text().trim();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      String iso = text.length() > 10 ? text.substring(0, 10) + "T" + text.substring(11) : text;
      return OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw at.fail(
          "invalid timestamp '" + text + "'; expected ISO-8601 like 2026-12-01T00:00:00Z");
    }
  }
}
