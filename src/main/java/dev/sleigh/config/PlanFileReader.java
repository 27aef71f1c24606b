package dev.sleigh.config;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Plan;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a plan file (docs/plans.md): an id, a revision, {@code defaults:} that every entry takes
 * for the keys it does not give itself, and {@code entries:}, each a commission without an id whose
 * {@code depends_on} names other entries. All or nothing, like a commission file: any problem
 * throws a {@link CommissionFileException} naming file, line and key of every problem found, and no
 * plan is returned.
 */
public final class PlanFileReader {
  private static final List<String> TOP = List.of("id", "revision", "defaults", "entries");

  /** What {@code defaults:} may give: every key of a commission but those of one entry alone. */
  static final List<String> DEFAULTS =
      List.of(
          "decision",
          "problem_card_ref",
          "repo",
          "scope",
          "evidence",
          "valid_until",
          "delivery_policy",
          "projection_policy",
          "priority",
          "autonomy",
          "queue");

  /** What one entry may give: its name, title, body and dependencies, and any default. */
  static final List<String> ENTRY =
      Stream.concat(Stream.of("name", "title", "body", "depends_on"), DEFAULTS.stream()).toList();

  private final long maxBytes;

  /** A reader of files up to the default limit, 1 MB. */
  public PlanFileReader() {
    this(TextFiles.DEFAULT_LIMIT);
  }

  /** A reader that refuses files larger than {@code maxBytes} before parsing them. */
  public PlanFileReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Reads {@code file}; relative repository paths are resolved against its directory.
   *
   * @throws UncheckedIOException when the file cannot be read at all
   */
  public Plan read(Path file, RevisionResolver resolver) {
    String text;
    try {
      text =
          TextFiles.read(
              file,
              maxBytes,
              problem ->
                  new CommissionFileException(
                      file.toString(), 1, LocatedFileException.DOCUMENT, problem));
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("no plan file " + file, e);
    }
    Path baseDir = file.toAbsolutePath().normalize().getParent();
    return read(text, file.toString(), baseDir, resolver);
  }

  /**
   * Reads plan YAML that came from {@code sourceName}; relative paths resolve in {@code baseDir}.
   */
  public Plan read(String yamlText, String sourceName, Path baseDir, RevisionResolver resolver) {
    LocatedNode root =
        YamlDocument.parseSettings(yamlText, sourceName, CommissionFileException::new).root();
    if (!root.node().isObject()) {
      throw root.fail("expected a plan mapping with id, revision, defaults and entries");
    }
    Problems problems = new Problems();
    problems.check(() -> root.mapping(TOP));
    String id = problems.read(() -> name(root.field("id"), "plan id"));
    String revision = problems.read(() -> revision(root.field("revision")));
    LocatedNode defaults = root.field("defaults");
    problems.check(
        () -> {
          if (defaults.present()) {
            defaults.mapping(DEFAULTS);
          }
        });
    List<LocatedNode> entries = problems.read(() -> entries(root.field("entries")));
    if (entries == null) {
      problems.throwAny();
      return null;
    }
    String planId = id == null ? "plan" : id;
    Map<String, LocatedNode> names = new LinkedHashMap<>();
    Map<LocatedNode, String> nameOf = new IdentityHashMap<>();
    for (LocatedNode entry : entries) {
      problems.check(() -> entry.required().mapping(ENTRY));
      String name = problems.read(() -> name(entry.field("name"), "entry name"));
      if (name == null) {
        continue;
      }
      LocatedNode first = names.putIfAbsent(name, entry.field("name"));
      if (first != null) {
        problems.add(
            entry
                .field("name")
                .fail("duplicate entry '" + name + "' (first on line " + first.line() + ")"));
        continue;
      }
      nameOf.put(entry, name);
    }
    var mapper = new CommissionMapper(baseDir, resolver);
    Map<String, Commission> commissions = new LinkedHashMap<>();
    Map<String, LocatedNode> where = new LinkedHashMap<>();
    for (LocatedNode entry : entries) {
      String name = nameOf.get(entry);
      if (name == null) {
        continue;
      }
      problems.check(() -> knownDependencies(entry, names.keySet()));
      LocatedNode merged = defaults.present() ? entry.withDefaults(defaults) : entry;
      Commission c =
          problems.read(
              () ->
                  mapper.mapEntry(
                      merged,
                      ENTRY,
                      Plan.commissionId(planId, name),
                      dep -> Plan.commissionId(planId, dep)));
      if (c != null) {
        commissions.put(name, c);
        where.put(name, entry);
      }
    }
    problems.throwAny();
    List<Plan.Entry> ordered = ordered(planId, commissions, where);
    return root.validated("", () -> new Plan(planId, revision, sourceName, ordered));
  }

  private static List<LocatedNode> entries(LocatedNode list) {
    List<LocatedNode> entries = list.required().elements();
    if (entries.isEmpty()) {
      throw list.fail("must list at least one entry");
    }
    return entries;
  }

  private static String name(LocatedNode at, String what) {
    String name = at.text();
    if (!Plan.NAME.matcher(name).matches()) {
      throw at.fail(
          "'"
              + name
              + "' is not a valid "
              + what
              + ": lower-case letters, digits, '_', '-', 1-24 chars, starting with a letter or"
              + " digit");
    }
    return name;
  }

  /** A revision: a whole number, or a short word. */
  private static String revision(LocatedNode at) {
    String text =
        at.present() && at.node().isIntegralNumber() ? at.node().asText() : at.required().text();
    if (!Plan.REVISION.matcher(text).matches()) {
      throw at.fail(
          "'"
              + text
              + "' is not a valid revision: a number, or lower-case letters, digits, '.', '_', '-',"
              + " 1-12 chars");
    }
    return text;
  }

  private static void knownDependencies(LocatedNode entry, Set<String> names) {
    Problems problems = new Problems();
    for (LocatedNode dep : entry.field("depends_on").elements()) {
      problems.check(
          () -> {
            String name = dep.text();
            if (!names.contains(name)) {
              throw dep.fail(
                  "no entry '" + name + "' in this plan; entries: " + String.join(", ", names));
            }
          });
    }
    problems.throwAny();
  }

  /**
   * The entries with each after those it depends on, otherwise in file order; entries that wait for
   * each other in a circle are a problem, named at the first of them.
   */
  private static List<Plan.Entry> ordered(
      String planId, Map<String, Commission> commissions, Map<String, LocatedNode> where) {
    List<Plan.Entry> out = new ArrayList<>();
    Map<String, Commission> left = new LinkedHashMap<>(commissions);
    while (!left.isEmpty()) {
      String ready = null;
      for (var e : left.entrySet()) {
        boolean waits =
            e.getValue().dependsOn().stream()
                .anyMatch(dep -> left.containsKey(dep.substring(planId.length() + 1)));
        if (!waits) {
          ready = e.getKey();
          break;
        }
      }
      if (ready == null) {
        String circle = left.keySet().stream().collect(Collectors.joining(", "));
        String first = left.keySet().iterator().next();
        throw where
            .get(first)
            .field("depends_on")
            .fail("entries wait for each other in a circle, among: " + circle);
      }
      out.add(new Plan.Entry(ready, left.remove(ready)));
    }
    return out;
  }
}
