package dev.sleigh.config;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt of one phase, with {@code {{name}}} variables filled in per turn. Only the variables
 * of {@link #VARIABLES} exist; any other name in braces is refused when the template is read, so a
 * typo fails at startup rather than reaching an agent as literal braces.
 */
public record PromptTemplate(String text) {
  /** Every variable a template may use. */
  public static final List<String> VARIABLES =
      List.of(
          "commission.id",
          "commission.title",
          "commission.body",
          "attempt",
          "turn",
          "max_turns",
          "phase",
          "scope.allowed_paths",
          "scope.forbidden_paths",
          "decision.id",
          "decision.revision");

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
  private static final String NONE = "(none)";

  public PromptTemplate {
    Objects.requireNonNull(text, "text");
    firstUnknown(text)
        .ifPresent(
            m -> {
              throw new IllegalArgumentException(unknown(m.group(1)));
            });
  }

  /**
   * A template read from {@code file}, whose text starts on {@code firstLine}; an unknown variable
   * is a {@link ConfigException} at the line it is on, under {@code key}.
   */
  static PromptTemplate read(String text, String file, int firstLine, String key) {
    Optional<Matcher> bad = firstUnknown(text);
    if (bad.isPresent()) {
      int start = bad.get().start();
      int line = firstLine + (int) text.substring(0, start).chars().filter(c -> c == '\n').count();
      throw new ConfigException(file, line, key, unknown(bad.get().group(1)));
    }
    return new PromptTemplate(text);
  }

  /**
   * The text with every variable replaced by its value. Values are inserted as they are, never
   * expanded again, so a commission body may itself contain braces.
   *
   * @throws IllegalArgumentException when {@code values} lacks a variable the template uses
   */
  public String render(Map<String, String> values) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value given for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The value of every variable for one turn of {@code commission}. Path lists are joined with
   * {@code ", "}; an empty list reads {@code (none)} so an agent does not see a dangling colon.
   */
  public static Map<String, String> variables(
      Commission commission, Phase phase, int attempt, int turn, int maxTurns) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("commission.id", commission.id());
    values.put("commission.title", commission.title());
    values.put("commission.body", commission.body());
    values.put("attempt", Integer.toString(attempt));
    values.put("turn", Integer.toString(turn));
    values.put("max_turns", Integer.toString(maxTurns));
    values.put("phase", phase.wire());
    values.put("scope.allowed_paths", list(commission.scope().allowedPaths()));
    values.put("scope.forbidden_paths", list(commission.scope().forbiddenPaths()));
    values.put("decision.id", commission.decision().id());
    values.put("decision.revision", commission.decision().revision());
    return values;
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? NONE : String.join(", ", items);
  }

  private static Optional<Matcher> firstUnknown(String text) {
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!VARIABLES.contains(m.group(1))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static String unknown(String name) {
    return "unknown variable {{" + name + "}}; known: " + String.join(", ", VARIABLES);
  }
}
