package dev.sleigh.config;

import static dev.sleigh.config.CommissionFileReaderTest.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommissionFileErrorsTest {
  private final CommissionFileReader reader = new CommissionFileReader();

  /** Reads {@code yaml}, which must fail, and checks the file:line: key: prefix of the message. */
  private CommissionFileException failure(String yaml, int line, String key) {
    var e =
        catchThrowableOfType(
            CommissionFileException.class,
            () ->
                reader.read(
                    yaml,
                    "work.yaml",
                    CommissionFileReaderTest.BASE,
                    CommissionFileReaderTest.DECISIONS));
    assertThat(e).as("error for:%n%s", yaml).isNotNull();
    assertThat(e.getMessage()).startsWith("work.yaml:" + line + ": " + key + ": ");
    assertThat(e.file()).isEqualTo("work.yaml");
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.key()).isEqualTo(key);
    return e;
  }

  private static final String LIST =
      """
      commissions:
        - id: wc-a
          title: First
          decision: {id: dec-auth-timeouts}
          repo: {path: /src/app, base_ref: main}
          scope: {allowed_paths: [src/**]}
        - id: wc-b
          title: Second
          decision: {id: dec-auth-timeouts}
          repo: {path: /src/app, base_ref: main}
          scope: {allowed_paths: [src/**]}
      """;

  @Test
  void everyProblemOfAFileIsReportedAtOnceALineEachInFileOrder() {
    String yaml =
        """
        commissions:
          - id: wc-a
            decision: {id: dec-auth-timeouts}
            repo: {path: /src/app}
            scope: {allowed_paths: [src/**]}
            priority: 9
          - id: wc-b
            title: Second
            colour: red
            decision: {id: dec-auth-timeouts}
            repo: {path: /src/app, base_ref: main}
          - id: wc-a
            title: Third
            decision: {id: dec-auth-timeouts}
            repo: {path: /src/app, base_ref: main}
            scope: {allowed_paths: [src/**]}
          - id: wc-a
            title: Fourth
            decision: {id: dec-auth-timeouts}
            repo: {path: /src/app, base_ref: main}
            scope: {allowed_paths: [src/**]}
        """;

    var e = failure(yaml, 2, "commissions[0].title");

    assertThat(e.problems())
        .extracting(p -> p.line() + " " + p.key())
        .containsExactly(
            "2 commissions[0].title",
            "4 commissions[0].repo.base_ref",
            "6 commissions[0].priority",
            "9 commissions[1].colour",
            "7 commissions[1].scope",
            "12 commissions[2].id",
            "17 commissions[3].id");
    assertThat(e.getMessage().lines()).hasSize(7).allMatch(line -> line.startsWith("work.yaml:"));
    assertThat(e.getMessage())
        .contains("must be between 1 and 4", "unknown key 'colour'", "duplicate id 'wc-a'");
  }

  @Test
  void aFileWithOneProblemReportsItAlone() {
    var e = failure(minimal("wc-a") + "colour: red\n", 7, "colour");

    assertThat(e.problems()).containsExactly(e);
  }

  @Test
  void unknownKeyIsRejectedWithFileLineAndKey() {
    var e = failure(minimal("wc-a") + "colour: red\n", 7, "colour");
    assertThat(e).hasMessageContaining("unknown key 'colour'");
  }

  @Test
  void unknownNestedKeyInAListEntryNamesTheEntry() {
    String yaml = LIST + "    autonomy:\n      max_wall_time: 2h\n";
    failure(yaml, 13, "commissions[1].autonomy.max_wall_time");
  }

  @Test
  void badDurationNamesTheEntryAndTheLimit() {
    String yaml = LIST + "    autonomy:\n      max_wall_clock: 5 minutes\n";
    var e = failure(yaml, 13, "commissions[1].autonomy.max_wall_clock");
    assertThat(e).hasMessageContaining("invalid duration '5 minutes'");
  }

  @Test
  void badEvidenceTimeoutNamesTheEvidenceEntry() {
    String yaml =
        minimal("wc-a")
            + "evidence:\n  - {name: a, command: x}\n"
            + "  - name: b\n    command: y\n    timeout: 0s\n";
    var e = failure(yaml, 11, "evidence[1].timeout");
    assertThat(e).hasMessageContaining("must be positive");
  }

  @Test
  void otherKeysNextToTheCommissionsListAreRejected() {
    failure("title: stray\n" + LIST, 1, "title");
  }

  @Test
  void emptyCommissionsListIsRejected() {
    failure("commissions: []\n", 1, "commissions");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          scope:\\n  allowed_paths: src/**     | 6 | scope.allowed_paths | expected a list, got the string 'src/**'
          priority: high                      | 7 | priority            | expected a whole number
          priority: 2.5                       | 7 | priority            | expected a whole number
          priority: 7                         | 7 | priority            | must be between 1 and 4
          title2: x                           | 7 | title2              | unknown key
          depends_on: wc-b                    | 7 | depends_on          | expected a list
          depends_on: [wc-b, ""]              | 7 | depends_on[1]       | must not be empty
          depends_on: [Not An Id]             | 7 | depends_on          | is not a valid id
          body: 42                            | 7 | body                | quote it
          delivery_policy: always             | 7 | delivery_policy     | expected one of manual, auto_apply_on_pass
          projection_policy: [local_only]     | 7 | projection_policy   | expected a string, got a list
          autonomy: {one_way_door: maybe}     | 7 | autonomy.one_way_door | expected one of allow, require_approval
          autonomy: {max_turns: 0}            | 7 | autonomy.max_turns  | must be between 1
          autonomy: 3                         | 7 | autonomy            | expected a mapping
          valid_until: next tuesday           | 7 | valid_until         | invalid timestamp 'next tuesday'
          evidence: {name: a, command: b}     | 7 | evidence            | expected a list
          evidence:\\n  - {name: a}            | 8 | evidence[0].command | is required
          """)
  void wrongValueIsRejectedWithLineAndKey(String extra, int line, String key, String problem) {
    String base = minimal("wc-a");
    String yaml = extra.startsWith("scope:") ? base.substring(0, base.indexOf("scope:")) : base;
    yaml += extra.replace("\\n", "\n") + "\n";
    assertThat(failure(yaml, line, key)).hasMessageContaining(problem);
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          title: Fix login timeout\\n             |                | 1 | title
          decision: {id: dec-auth-timeouts}\\n    |                | 1 | decision
          {id: dec-auth-timeouts}                  | {}             | 3 | decision.id
          repo: {path: /src/app, base_ref: main}\\n |              | 1 | repo
          ', base_ref: main'                       |                | 4 | repo.base_ref
          scope:\\n  allowed_paths: [src/auth/**]\\n |             | 1 | scope
          allowed_paths: [src/auth/**]             | locks: [x]     | 5 | scope.allowed_paths
          """)
  void missingRequiredFieldIsRejected(String from, String to, int line, String key) {
    String yaml = minimal("wc-a").replace(from.replace("\\n", "\n"), to == null ? "" : to);
    assertThat(failure(yaml, line, key)).hasMessageContaining("is required");
  }

  @Test
  void emptyAllowedPathsIsRejectedBecauseACommissionIsABoundedPermission() {
    String yaml = minimal("wc-a").replace("[src/auth/**]", "[]");
    assertThat(failure(yaml, 6, "scope.allowed_paths")).hasMessageContaining("bounded permission");
  }

  @Test
  void allowedPathOutsideTheRepositoryIsRejectedByTheDomainRule() {
    String yaml = minimal("wc-a").replace("[src/auth/**]", "[../etc/**]");
    assertThat(failure(yaml, 6, "scope.allowed_paths")).hasMessageContaining("'../etc/**'");
  }

  @Test
  void repoWithBothPathAndUrlIsRejected() {
    String yaml = minimal("wc-a").replace("{path: /src/app,", "{path: /src/app, url: x,");
    assertThat(failure(yaml, 4, "repo")).hasMessageContaining("exactly one of 'path' or 'url'");
  }

  @Test
  void invalidIdIsRejected() {
    assertThat(failure(minimal("WC_Login"), 1, "id"))
        .hasMessageContaining("'WC_Login' is not a valid id");
  }

  @Test
  void unknownDecisionIsRejectedWithAHintToAddIt() {
    String yaml = minimal("wc-a").replace("dec-auth-timeouts", "dec-unknown");
    var e = failure(yaml, 3, "decision.id");
    assertThat(e)
        .hasMessageContaining("decision 'dec-unknown' does not exist")
        .hasMessageContaining("sleigh decision add");
  }

  @Test
  void duplicateIdsInOneFileAreRejectedAndNothingIsReturned() {
    var e = failure(LIST.replace("id: wc-b", "id: wc-a"), 7, "commissions[1].id");
    assertThat(e).hasMessageContaining("duplicate id 'wc-a'").hasMessageContaining("line 2");
  }

  @Test
  void malformedYamlIsRejectedWithTheParsersLine() {
    var e = failure("title: x\nscope:\n  allowed_paths: [src/**\n", 3, "scope.allowed_paths");
    assertThat(e).hasMessageContaining("malformed YAML");
  }

  @Test
  void duplicateYamlKeyIsRejected() {
    failure(minimal("wc-a") + "title: again\n", 7, "title");
  }

  @Test
  void emptyFileIsRejected() {
    assertThat(failure("# nothing here\n", 1, "(document)")).hasMessageContaining("empty");
  }

  @Test
  void aFileThatIsNotAMappingIsRejected() {
    failure("- just\n- a list\n", 1, "(document)");
  }

  @Test
  void severalYamlDocumentsAreRejected() {
    failure(minimal("wc-a") + "---\n" + minimal("wc-b"), 8, "(document)");
  }

  @Test
  void yamlAliasesAreRejectedRatherThanMisread() {
    String yaml =
        minimal("wc-a").replace("title: Fix login timeout", "title: &t Fix") + "body: *t\n";
    failure(yaml, 7, "body");
  }
}
