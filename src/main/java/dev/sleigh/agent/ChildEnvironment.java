package dev.sleigh.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment an agent process sees: only a few harmless variables of the runner's own
 * environment, then what is configured. Anything else the runner holds (tokens, database
 * passwords) reaches an agent only when configured for it.
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
    env.putAll(configured);
    return env;
  }
}
