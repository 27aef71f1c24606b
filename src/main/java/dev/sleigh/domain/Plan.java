package dev.sleigh.domain;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A plan (docs/plans.md): one revision of a set of related commissions, applied all or nothing.
 * Each entry's commission is named {@code <plan>.<entry>} and waits for the commissions of the
 * entries it depends on under those names; entries stand in an order where every entry comes after
 * those it depends on.
 *
 * @param source where the plan was read from, for messages and {@code plan show}
 */
public record Plan(String id, String revision, String source, List<Entry> entries) {
  /** Plan ids and entry names: short, so that the commission ids made of them stay ids. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,23}");

  /** Revisions: a number, or a short word such as {@code 2026-03b}. */
  public static final Pattern REVISION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,11}");

  public Plan {
    Commission.require(id != null && NAME.matcher(id).matches(), "plan", nameRule(id));
    Commission.require(
        revision != null && REVISION.matcher(revision).matches(),
        "revision",
        "'"
            + revision
            + "' is not a valid revision: a number, or lower-case letters, digits, '.', '_', '-',"
            + " 1-12 chars");
    entries = List.copyOf(entries);
    Commission.require(!entries.isEmpty(), "entries", "must list at least one entry");
    Set<String> seen = new HashSet<>();
    for (Entry e : entries) {
      Commission.require(seen.add(e.name()), "entries", "duplicate entry '" + e.name() + "'");
      Commission.require(
          e.commission().id().equals(commissionId(id, e.name())),
          "entries",
          "entry '" + e.name() + "' must be commission " + commissionId(id, e.name()));
      for (String dep : e.commission().dependsOn()) {
        Commission.require(
            seen.contains(entryOf(id, dep)),
            "entries",
            "entry '" + e.name() + "' depends on '" + dep + "', which is not an earlier entry");
      }
    }
  }

  static String nameRule(String name) {
    return "'"
        + name
        + "' is not a valid name: lower-case letters, digits, '_', '-', 1-24 chars, starting with"
        + " a letter or digit";
  }

  /** One entry: its name in the plan and the commission it asks for. */
  public record Entry(String name, Commission commission) {
    public Entry {
      Commission.require(name != null && NAME.matcher(name).matches(), "name", nameRule(name));
    }
  }

  /** The id of the first commission of entry {@code entry}: {@code <plan>.<entry>}. */
  public static String commissionId(String planId, String entry) {
    return planId + "." + entry;
  }

  /**
   * The id of a commission that replaces the one of {@code entry} in revision {@code revision}:
   * {@code <plan>.<entry>.r<revision>}.
   */
  public static String replacementId(String planId, String entry, String revision) {
    return commissionId(planId, entry) + ".r" + revision;
  }

  /** The entry name of a commission id of this plan (what follows {@code <plan>.}). */
  private static String entryOf(String planId, String commissionId) {
    String prefix = planId + ".";
    return commissionId.startsWith(prefix) ? commissionId.substring(prefix.length()) : "";
  }

  /** The entry name a dependency of an entry's commission names. */
  public String entryOf(String commissionId) {
    return entryOf(id, commissionId);
  }

  /** The hash of what the plan asks for: the same plan revision read twice has the same one. */
  public String hash() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("revision", revision);
    m.put(
        "entries",
        entries.stream()
            .map(e -> Map.<String, Object>of("name", e.name(), "spec", e.commission().canonical()))
            .toList());
    return CanonicalJson.sha256(CanonicalJson.write(m));
  }
}
