package dev.sleigh.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment an agent process sees: only a few harmless variables of the runner's own
 * environment, then what is configured. Anything else the runner holds (tokens, database passwords)
 * reaches an agent only when configured for it.
 */
public final class ChildEnvironment {
  /** The variables an agent inherits from the runner. */
  public static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TMPDIR");

  private ChildEnvironment() {}

  public static Map<String, String> of(Map<String, String> runner, Map<String, String> configured) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : INHERITED) {
      String value = runner.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    configured.forEach((name, value) -> env.put(name, expand(runner, name, value)));
    return env;
  }

  /**
   * A configured value written {@code ${NAME}} is the runner's own variable {@code NAME}, read when
   * the agent starts, so a key lives in the environment and never in {@code sleigh.md}. An unset
   * variable becomes empty; adapters that need it say so when the agent fails to start.
   */
  static String expand(Map<String, String> runner, String name, String value) {
    Matcher m = REFERENCE.matcher(value);
    if (!m.matches()) {
      return value;
    }
    String found = runner.get(m.group(1));
    return found == null ? "" : found;
  }

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
}
