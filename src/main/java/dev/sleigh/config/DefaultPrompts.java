package dev.sleigh.config;

import dev.sleigh.domain.Phase;
import java.util.Map;

/**
 * The prompts a runner uses when {@code sleigh.md} gives none. They are the same text as the
 * sections of the {@code sleigh init} template, which a test keeps in step.
 */
final class DefaultPrompts {
  static final PromptTemplate EXECUTE =
      new PromptTemplate(
          """
          You are working on: {{commission.title}} (attempt {{attempt}}).

          {{commission.body}}

          Change only files matching these paths: {{scope.allowed_paths}}.
          Keep the change as small as the task allows, and leave the repository building and its tests
          passing. Do not commit. When the work is complete, end your final message with a line
          containing only SLEIGH_DONE; until then you will be asked to continue.\
          """);

  static final PromptTemplate MEASURE =
      new PromptTemplate(
          """
          The change for "{{commission.title}}" is in this workspace (attempt {{attempt}}).

          Check that it does what was asked:

          {{commission.body}}

          Report anything that is missing or wrong, and anything changed outside {{scope.allowed_paths}}.\
          """);

  static final Map<Phase, PromptTemplate> ALL =
      Map.of(Phase.EXECUTE, EXECUTE, Phase.MEASURE, MEASURE);

  private DefaultPrompts() {}
}
