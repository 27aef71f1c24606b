package dev.sleigh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SleighConfigErrorsTest {
  private final SleighConfigReader reader = new SleighConfigReader();

  /** Reads {@code text}, which must fail, and checks file, line and key of the report. */
  private ConfigException failure(String text, int line, String key) {
    var e =
        catchThrowableOfType(
            ConfigException.class,
            () -> reader.read(text, "sleigh.md", SleighConfigReaderTest.BASE));
    assertThat(e).as("error for:%n%s", text).isNotNull();
    assertThat(e.getMessage()).startsWith("sleigh.md:" + line + ": " + key + ": ");
    assertThat(e.file()).isEqualTo("sleigh.md");
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.key()).isEqualTo(key);
    return e;
  }

  /** A file whose front matter is {@code yaml}; its first line is line 2 of the file. */
  private static String frontMatter(String yaml) {
    return "---\n" + yaml + "---\n## Execute\nGo\n";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # what is wrong                    | front matter (\\n = new line)                          | line | key                      | message contains
          unknown top-level key              | engine: {}\\nstore: {url: x}                           | 3    | store                    | unknown key 'store'
          unknown nested key                 | engine:\\n  concurency: 3                              | 3    | engine.concurency        | allowed: poll_interval
          section of the wrong type          | engine: fast                                          | 2    | engine                   | expected a mapping
          number where a list belongs        | agent:\\n  command: 7                                  | 3    | agent.command            | expected a list
          string where a boolean belongs     | engine:\\n  revalidate_on_resume: maybe               | 3    | engine.revalidate_on_resume | expected true or false
          number where a string belongs      | agent:\\n  env: {RETRIES: 3}                           | 3    | agent.env.RETRIES        | quote it
          bad environment variable name      | agent:\\n  env:\\n    BAD-NAME: x                      | 4    | agent.env.BAD-NAME       | environment variable name
          bad duration                       | engine:\\n  lease_ttl: 10 seconds                      | 3    | engine.lease_ttl         | invalid duration
          duration without unit              | agent:\\n  stall_timeout: 300                          | 3    | agent.stall_timeout      | invalid duration '300'
          zero duration                      | engine:\\n  cancel_grace: 0s                           | 3    | engine.cancel_grace      | longer than 0
          lease ttl below one second         | engine:\\n  lease_ttl: 500ms                           | 3    | engine.lease_ttl         | at least 1s
          zero concurrency                   | engine:\\n  concurrency: 0                             | 3    | engine.concurrency       | between 1 and
          fractional number                  | retry:\\n  max_attempts_total: 2.5                     | 3    | retry.max_attempts_total | whole number
          backoff max below base             | retry:\\n  backoff_base: 1m\\n  backoff_max: 10s       | 4    | retry.backoff_max        | at least backoff_base
          unknown agent kind                 | agent:\\n  kind: robot                                 | 3    | agent.kind               | expected one of demo, command
          command kind without a command     | agent:\\n  kind: command                               | 2    | agent.command            | needs the agent program
          blank command entry                | agent:\\n  kind: command\\n  command: [run, '']        | 4    | agent.command[1]         | must not be empty
          unknown phase                      | workflow:\\n  phases: [preflight, build]               | 3    | workflow.phases[1]       | expected one of preflight, frame
          workflow not starting at preflight | workflow:\\n  phases: [execute, measure]               | 3    | workflow.phases          | first phase must be preflight
          workflow out of order              | workflow:\\n  phases: [preflight, measure, execute]    | 3    | workflow.phases          | pipeline order
          empty workspace root               | workspace: {root: ''}                                 | 2    | workspace.root           | must not be empty
          invalid workspace path             | workspace:\\n  root: "ws\\0x"                        | 3    | workspace.root           | invalid path
          checkpoint size without a number   | workspace:\\n  max_checkpoint_size: big             | 3    | workspace.max_checkpoint_size | is not a size
          zero checkpoint size               | workspace:\\n  max_checkpoint_size: 0MB             | 3    | workspace.max_checkpoint_size | larger than 0
          retention without unit             | workspace:\\n  checkpoint_retention: 30             | 3    | workspace.checkpoint_retention | invalid duration
          zero store outage limit            | engine:\\n  store_outage_limit: 0s                  | 3    | engine.store_outage_limit | longer than 0
          malformed YAML                     | engine:\\n  concurrency: [1\\n                          | 3    | engine.concurrency       | malformed YAML
          duplicate key                      | engine: {}\\nengine: {}                                | 3    | engine                   | duplicate key
          front matter that is a list        | - engine                                              | 2    | (document)               | expected a mapping
          """)
  void eachBrokenSettingIsReportedWithFileLineAndKey(
      String what, String yaml, int line, String key, String message) {
    String text = frontMatter(yaml.replace("\\n", "\n") + "\n");

    assertThat(failure(text, line, key)).hasMessageContaining(message);
  }

  @Test
  void fileWithoutOpeningDelimiterIsRejectedAtLineOne() {
    failure("engine: {}\n## Execute\nGo\n", 1, "(document)");
    failure("", 1, "(document)");
  }

  @Test
  void frontMatterThatIsNeverClosedIsRejected() {
    assertThat(failure("---\nengine: {}\n## Execute\nGo\n", 1, "(document)"))
        .hasMessageContaining("never closed");
  }

  @Test
  void unknownTemplateVariableIsReportedOnItsOwnLine() {
    String text =
        """
        ---
        ---
        # Prompts

        ## Execute

        Work on {{commission.title}}.

        Scope: {{scope.allowed_paths}} but not {{commission.tittle}}.
        """;

    assertThat(failure(text, 9, "prompts.Execute"))
        .hasMessageContaining("unknown variable {{commission.tittle}}")
        .hasMessageContaining("commission.title");
  }

  @Test
  void promptForAPhaseThatRunsNoAgentIsRefusedAtItsHeading() {
    String text = "---\n---\n## Execute\nGo\n## Measure\n\n\nCheck {{commission.title}}\n";

    assertThat(failure(text, 5, "prompts.Measure"))
        .hasMessageContaining("measure phase runs no agent")
        .hasMessageContaining("'## Execute'");
    failure("---\n---\n## Preflight\nCheck {{decision.id}}\n", 3, "prompts.Preflight");
  }

  @Test
  void liquidSyntaxErrorIsReportedOnItsOwnLine() {
    String text = "---\n---\n## Execute\nGo\n\n{% if attempt > 1 %}\nagain\n{% endunless %}\n";

    assertThat(failure(text, 8, "prompts.Execute")).hasMessageContaining("Liquid");
  }

  @Test
  void unknownVariableInsideALiquidBranchIsReportedOnItsOwnLine() {
    String text =
        "---\n---\n## Execute\nGo\n{% if attempt > 1 %}\n\nAgain: {{ commission.owner }}\n{% endif %}\n";

    assertThat(failure(text, 7, "prompts.Execute"))
        .hasMessageContaining("unknown variable {{commission.owner}}");
  }

  @Test
  void unknownSectionHeadingIsRejected() {
    assertThat(failure("---\n---\n## Exceute\nGo\n", 3, "prompts"))
        .hasMessageContaining("'## Exceute'")
        .hasMessageContaining("Execute");
  }

  @Test
  void duplicateSectionIsRejectedAtTheSecondHeading() {
    assertThat(failure("---\n---\n## Execute\nA\n## execute\nB\n", 5, "prompts.Execute"))
        .hasMessageContaining("line 3");
  }

  @Test
  void blankExecuteSectionIsRejectedWhileTheWorkflowExecutes() {
    failure("---\n---\n## Execute\n\n## Measure\n", 3, "prompts.Execute");
  }

  @Test
  void mistakesInSeveralSectionsAreAllReportedInOneTry() {
    var e =
        failure(
            frontMatter("engine:\n  lease_ttl: soon\nagent:\n  kind: robot\nretry: {x: 1}\n"),
            3,
            "engine.lease_ttl");

    assertThat(e.problems())
        .extracting(LocatedFileException::key)
        .containsExactly("engine.lease_ttl", "retry.x", "agent.kind");
    assertThat(e.getMessage().lines()).hasSize(3);
  }
}
