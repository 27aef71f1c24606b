package dev.sleigh.config;

import java.util.Map;
import java.util.Optional;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import liqp.parser.Flavor;

/**
 * Renders the published text of a projection from its fact packet. Unlike prompts, a missing value
 * renders empty: the packet leaves out what the commission does not have (no reason, no applied
 * commit), and the template asks with {@code if}.
 */
public final class ProjectionTemplate {
  private static final TemplateParser PARSER =
      new TemplateParser.Builder().withFlavor(Flavor.LIQUID).withMaxIterations(10_000).build();

  private ProjectionTemplate() {}

  public static String render(String template, Map<String, Object> packet) {
    return PARSER.parse(template).render(packet);
  }

  /** The template's syntax error, if it has one. */
  static Optional<String> problem(String template) {
    try {
      PARSER.parse(template);
      return Optional.empty();
    } catch (LiquidException | IllegalArgumentException e) {
      return Optional.of("Liquid: " + e.getMessage());
    }
  }
}
