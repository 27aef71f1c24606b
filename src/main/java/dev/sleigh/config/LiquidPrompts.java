package dev.sleigh.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.Template;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import liqp.exceptions.VariableNotExistException;
import liqp.parser.Flavor;

/**
 * Parses and renders prompt templates as Liquid. Variables are strict: a name without a value is an
 * error rather than an empty string, so a prompt never silently loses a part.
 */
final class LiquidPrompts {
  private static final TemplateParser PARSER =
      new TemplateParser.Builder()
          .withFlavor(Flavor.LIQUID)
          .withStrictVariables(true)
          .withMaxIterations(10_000)
          .build();

  /** The engine's own position suffix; the line is reported separately. */
  private static final Pattern POSITION =
      Pattern.compile("(?:error )?on line (\\d+), index \\d+:?\\s*");

  private LiquidPrompts() {}

  /**
   * The first problem of {@code text}: a syntax error, a variable no turn provides, or a filter the
   * engine lacks.
   */
  static Optional<TemplateProblem> problem(String text) {
    Template template;
    try {
      template = PARSER.parse(text);
    } catch (LiquidException e) {
      return Optional.of(new TemplateProblem(Math.max(1, e.line), clean(e.getMessage())));
    } catch (IllegalArgumentException e) {
      // Some problems come this way, with their position only in the message.
      return Optional.of(new TemplateProblem(line(e.getMessage()), clean(e.getMessage())));
    }
    return TemplateCheck.firstProblem(
        template.getParseTree(), name -> PARSER.filters.get(name) != null);
  }

  /**
   * {@code text} rendered with {@code values}, nested the way the template looks them up.
   *
   * @throws IllegalArgumentException when the template uses a variable {@code values} lacks
   */
  static String render(String text, Map<String, Object> values) {
    try {
      return PARSER.parse(text).render(values);
    } catch (VariableNotExistException e) {
      throw new IllegalArgumentException("no value given for {{" + e.getVariableName() + "}}", e);
    }
  }

  private static int line(String message) {
    Matcher m = POSITION.matcher(message == null ? "" : message);
    return m.find() ? Math.max(1, Integer.parseInt(m.group(1))) : 1;
  }

  private static String clean(String message) {
    String text = message == null ? "not a valid template" : message;
    return "Liquid: " + POSITION.matcher(text).replaceAll("").strip();
  }
}
