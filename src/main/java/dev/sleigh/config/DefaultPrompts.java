package dev.sleigh.config;

import dev.sleigh.domain.Phase;
import java.util.Map;

/**
 * The prompt a runner uses when {@code sleigh.md} gives none. It is the same text as the {@code ##
 * Execute} section of the {@code sleigh init} template, which a test keeps in step.
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

  /** Only execute runs an agent, so only execute has a prompt. */
  static final Map<Phase, PromptTemplate> ALL = Map.of(Phase.EXECUTE, EXECUTE);

  private DefaultPrompts() {}
}
