package dev.sleigh.agent;

import dev.sleigh.domain.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
   * The environment of an agent process: as {@link #of}, except that an {@code agent.env} value
   * written {@code ${NAME}} whose variable the runner does not set (or sets empty), or {@code
   * ${file:PATH}} whose file cannot be read, is a launch failure naming the key ({@link
   * AgentFailure#ENV_MISSING}, final): every attempt would start the agent without it.
   */
  public static Map<String, String> forAgent(
      Map<String, String> runner, Map<String, String> configured) throws AgentLaunchException {
    List<String> missing = missing(runner, configured);
    if (!missing.isEmpty()) {
      throw new AgentLaunchException(AgentFailure.ENV_MISSING, String.join("; ", missing));
    }
    return of(runner, configured);
  }

  /**
   * What an agent would miss of {@code configured} ({@code agent.env}): one sentence per value that
   * names a runner variable that is not set or a file that cannot be read, saying how to fix it.
   */
  public static List<String> missing(Map<String, String> runner, Map<String, String> configured) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(configured)
        .forEach(
            (name, value) -> {
              Matcher m = REFERENCE.matcher(value);
              Matcher file = FILE_REFERENCE.matcher(value);
              if (m.matches()) {
                String found = runner.get(m.group(1));
                if (found == null || found.isEmpty()) {
                  out.add(
                      "agent.env."
                          + name
                          + " is ${"
                          + m.group(1)
                          + "}, but the runner's environment does not set "
                          + m.group(1)
                          + "; export it where sleigh run starts, or write ${file:PATH}");
                }
              } else if (file.matches() && !Files.isReadable(Path.of(file.group(1)))) {
                out.add(
                    "agent.env."
                        + name
                        + " is ${file:"
                        + file.group(1)
                        + "}, which cannot be read by the runner; create it or fix the path");
              }
            });
    return out;
  }

  /**
   * Remembers as secrets, before any child starts, every value {@code configured} takes from the
   * runner's variables or from files: a child of the same user can read the runner's environment
   * from {@code /proc}, and a hook may run before the agent that is given the value. A file that
   * cannot be read now is skipped: the child that needs it fails, naming it, when it starts.
   */
  public static void registerSecrets(Map<String, String> runner, Map<String, String> configured) {
    configured.forEach(
        (name, value) -> {
          try {
            expand(runner, name, value);
          } catch (IllegalArgumentException e) {
            // reported when a child starts with it
          }
        });
  }

  /**
   * A configured value written {@code ${NAME}} is the runner's own variable {@code NAME}, read when
   * the child starts, so a key lives in the environment and never in {@code sleigh.md}; one written
   * {@code ${file:PATH}} is the content of that file (without its last line break), so the key need
   * not be in the runner's environment either, where a child of the same user could read it from
   * {@code /proc}. Either value is a secret from then on: redacted wherever Sleigh writes. An unset
   * variable becomes empty; an unreadable file is an error naming it.
   */
  static String expand(Map<String, String> runner, String name, String value) {
    Matcher file = FILE_REFERENCE.matcher(value);
    if (file.matches()) {
      String content = readSecretFile(name, file.group(1));
      Secrets.register(content);
      return content;
    }
    Matcher m = REFERENCE.matcher(value);
    if (!m.matches()) {
      return value;
    }
    String found = runner.get(m.group(1));
    Secrets.register(found);
    return found == null ? "" : found;
  }

  private static String readSecretFile(String name, String path) {
    try {
      String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
      return text.endsWith("\r\n")
          ? text.substring(0, text.length() - 2)
          : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          name + ": cannot read the secret file " + path + " (" + e.getMessage() + ")", e);
    }
  }

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:([^}]+)}");
}
