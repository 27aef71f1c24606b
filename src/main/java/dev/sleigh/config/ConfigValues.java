package dev.sleigh.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Values that more than one section of {@code sleigh.md} reads the same way. */
final class ConfigValues {
  private static final Pattern KEY_PREFIX = Pattern.compile("([^\\s:]+): (.*)", Pattern.DOTALL);

  private ConfigValues() {}

  /** A mapping of names to string values; the names are checked by {@link AgentSettings}. */
  static Map<String, String> env(LocatedNode node) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : node.keys()) {
      env.put(name, node.field(name).text());
    }
    return env;
  }

  /**
   * Variables a child gets ({@code hooks.env}, {@code evidence.env}): names as an environment takes
   * them, values as written ({@code ${NAME}} and {@code ${file:PATH}} are read when the child
   * starts). Absent: none.
   */
  static Map<String, String> variables(LocatedNode node, String key) {
    if (!node.present()) {
      return Map.of();
    }
    Map<String, String> env = env(node);
    for (String name : env.keySet()) {
      if (!ENV_NAME.matcher(name).matches()) {
        throw node.field(name).fail("not an environment variable name");
      }
    }
    return env;
  }

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Builds a record of {@link SleighConfig} or of the domain, reporting its refusal at the line of
   * the key its message starts with ({@code engine.lease_ttl: must be …}).
   */
  static <T> T built(LocatedNode section, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      var m = KEY_PREFIX.matcher(String.valueOf(e.getMessage()));
      if (!m.matches()) {
        throw section.fail(String.valueOf(e.getMessage()));
      }
      throw section.document().root().path(m.group(1)).fail(m.group(2));
    }
  }
}
