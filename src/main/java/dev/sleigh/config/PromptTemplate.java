package dev.sleigh.config;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The prompt of one phase: a Liquid template ({@code {{name}}}, {@code {% if attempt > 1 %}},
 * filters) filled in per turn. Only the variables of {@link #VARIABLES} exist; any other name is
 * refused when the template is read, on every branch, so a typo fails at startup rather than
 * reaching an agent or failing a turn.
 */
public record PromptTemplate(String text) {
  /** Every variable a template may use. */
  public static final List<String> VARIABLES = PromptVariables.NAMES;

  private static final String NONE = "(none)";

  public PromptTemplate {
    Objects.requireNonNull(text, "text");
    LiquidPrompts.problem(text)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p.message());
            });
  }

  /**
   * A template read from {@code file}, whose text starts on {@code firstLine}; a problem with it is
   * a {@link ConfigException} at the line it is on, under {@code key}.
   */
  static PromptTemplate read(String text, String file, int firstLine, String key) {
    Optional<TemplateProblem> bad = LiquidPrompts.problem(text);
    if (bad.isPresent()) {
      throw new ConfigException(file, firstLine + bad.get().line() - 1, key, bad.get().message());
    }
    return new PromptTemplate(text);
  }

  /**
   * The text rendered with {@code values}, keyed by the names of {@link #VARIABLES}. Values are
   * inserted as they are, never expanded again, so a commission body may itself contain braces.
   *
   * @throws IllegalArgumentException when {@code values} lacks a variable the template uses
   */
  public String render(Map<String, ?> values) {
    return LiquidPrompts.render(text, nested(values));
  }

  /** {@code commission.title} becomes the member {@code title} of {@code commission}. */
  private static Map<String, Object> nested(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          int dot = name.indexOf('.');
          if (dot < 0) {
            out.put(name, value);
          } else {
            member(out, name.substring(0, dot)).put(name.substring(dot + 1), value);
          }
        });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> member(Map<String, Object> out, String name) {
    return (Map<String, Object>)
        out.computeIfAbsent(name, n -> new LinkedHashMap<String, Object>());
  }

  /**
   * The value of every variable for one turn of {@code commission}. Counts are numbers, so a
   * template may compare them ({@code attempt > 1}); path lists are joined with {@code ", "}, and
   * an empty list reads {@code (none)} so an agent does not see a dangling colon.
   */
  public static Map<String, Object> variables(
      Commission commission, Phase phase, int attempt, int turn, int maxTurns) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("commission.id", commission.id());
    values.put("commission.title", commission.title());
    values.put("commission.body", commission.body());
    values.put("attempt", attempt);
    values.put("turn", turn);
    values.put("max_turns", maxTurns);
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
}
