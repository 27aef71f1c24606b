package dev.sleigh.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The secret values this process holds: what reached a child from a reference ({@code ${NAME}},
 * {@code ${file:PATH}}) and what was configured as one (the store's password). Everything Sleigh
 * stores, logs or serves passes through {@link #redact}, which writes {@code ***} over each of
 * them, as written and as JSON would escape it, so an agent that prints a secret, or plants a
 * script that does, gets nothing of it into the store, the logs or the API. Signals and secrets are
 * process-wide, so this is one static holder.
 */
public final class Secrets {
  /** Shorter values are not hidden: they would match too much, and hiding them hides little. */
  static final int SHORTEST = 6;

  public static final String MASK = "***";

  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
  private static volatile List<String> longestFirst = List.of();

  private Secrets() {}

  /** Remembers {@code value} as a secret; blank and very short values are ignored. */
  public static void register(String value) {
    if (value == null || value.strip().length() < SHORTEST) {
      return;
    }
    boolean added = KNOWN.add(value);
    String escaped = CanonicalJson.escaped(value);
    added |= !escaped.equals(value) && KNOWN.add(escaped);
    if (added) {
      longestFirst =
          KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
  }

  /**
   * Remembers as secrets the values of {@code environment} whose names say they are one ({@code
   * DEPLOY_TOKEN}, {@code PGPASSWORD}, {@code SERVICE_API_KEY}): a child of the same user can read
   * the runner's environment from {@code /proc}, and whatever it prints of them is hidden too.
   */
  public static void registerLikely(Map<String, String> environment) {
    environment.forEach(
        (name, value) -> {
          if (LIKELY_SECRET.matcher(name).find()) {
            register(value);
          }
        });
  }

  /** A word of a variable name that marks its value as a secret. */
  private static final Pattern LIKELY_SECRET =
      Pattern.compile(
          "(?i)(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL)|(^|_)(KEY|APIKEY|PASS|PRIVATE)(_|$)");

  /** {@code text} with every known secret replaced by {@link #MASK}. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : longestFirst) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  /** Whether any secret is known (so callers may skip work when none is). */
  public static boolean any() {
    return !longestFirst.isEmpty();
  }
}
