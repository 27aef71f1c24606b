package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.store.SchemaCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSON Schemas {@code sleigh schema} prints and {@code docs/schema/} ships agree with each
 * other and with what the readers accept: the files {@code init} writes pass, and what the readers
 * refuse for a wrong key or value the schema refuses too.
 */
class SchemaCommandTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @TempDir Path dir;

  private static Schema schema(SchemaCommand.Kind kind) {
    return SCHEMAS.getSchema(kind.text());
  }

  private static List<Error> errors(SchemaCommand.Kind kind, String yaml) throws Exception {
    JsonNode node = YAML.readTree(yaml);
    return schema(kind).validate(node);
  }

  @ParameterizedTest
  @EnumSource(SchemaCommand.Kind.class)
  void theCommandPrintsTheSchemaThatDocsShips(SchemaCommand.Kind kind) throws Exception {
    var cli = new CliHarness(dir);

    var printed = cli.run("schema", kind.name().toLowerCase(Locale.ROOT));

    assertThat(printed.exit()).as(printed.err()).isZero();
    String file = Path.of(kind.resource()).getFileName().toString();
    assertThat(printed.out()).isEqualTo(Files.readString(Path.of("docs/schema", file)));
    assertThat(new ObjectMapper().readTree(printed.out()).path("$schema").asText())
        .contains("2020-12");
  }

  @Test
  void anUnknownSchemaIsRefusedNamingTheArgument() {
    var r = new CliHarness(dir).run("schema", "workflow");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("FILE", "workflow", "commission, plan or config");
  }

  @Test
  void thePlanSchemaPassesAPlanTheReaderAppliesAndRefusesWhatItRefuses() throws Exception {
    String plan = PlanCommandTest.planYaml("1", "write e01");

    assertThat(errors(SchemaCommand.Kind.PLAN, plan)).isEmpty();
    assertThat(errors(SchemaCommand.Kind.PLAN, plan.replace("    title: Entry 8", "    titel: x")))
        .isNotEmpty();
    assertThat(errors(SchemaCommand.Kind.PLAN, plan.replace("revision: 1", "revision: Two")))
        .isNotEmpty();
  }

  @Test
  void whatInitWritesPassesBothSchemas() throws Exception {
    var cli = new CliHarness(dir);
    assertThat(cli.run("init").exit()).isZero();

    String config = Files.readString(dir.resolve("sleigh.md"));
    String front = config.substring(4, config.indexOf("\n---", 4));
    String example = Files.readString(dir.resolve("commissions/example.yaml"));

    assertThat(errors(SchemaCommand.Kind.CONFIG, front)).isEmpty();
    assertThat(errors(SchemaCommand.Kind.COMMISSION, example)).isEmpty();
  }

  @Test
  void aConfigWithEveryKeyInItsOtherFormsPasses() throws Exception {
    String yaml =
        """
        engine: {poll_interval: 500ms, concurrency: 4, store_outage_limit: 1h}
        agent:
          kind: codex
          model: gpt
          codex: {sandbox: read-only, config: {model_reasoning_summary: none}}
          env: {TOKEN: "${TOKEN}"}
        workspace: {max_checkpoint_size: 10 MiB}
        workflow:
          phases:
            preflight: {gates: [commission_runnable, valid_until]}
            execute: {gates: [scope_clean, judge, human_approval]}
            measure:
        hooks:
          after_create: npm ci
          before_run: {run: make lint, policy: warning}
          timeout: 2m
          env: {CI: "1"}
        gates:
          human: {phases: [execute], branch_regex: "release/.*", escalate_after: 1h}
          judge: {forbidden_patterns: ["TODO"]}
        evidence: {env: {LANG: C}}
        """;

    assertThat(errors(SchemaCommand.Kind.CONFIG, yaml)).isEmpty();
  }

  @Test
  void whatTheReadersRefuseTheSchemasRefuseToo() throws Exception {
    var cli = new CliHarness(dir);
    assertThat(cli.run("init").exit()).isZero();
    String example = Files.readString(dir.resolve("commissions/example.yaml"));

    String unknownKey = example + "colour: red\n";
    String noTitle = example.replace("title: Write a first note", "");
    String badPriority = example + "priority: 9\n";

    for (String wrong : List.of(unknownKey, noTitle, badPriority)) {
      Path file = cli.write("commissions/wrong.yaml", wrong);
      assertThat(cli.run("commission", "create", "--file", file.toString()).exit())
          .isEqualTo(ExitCodes.USAGE);
      assertThat(errors(SchemaCommand.Kind.COMMISSION, wrong)).isNotEmpty();
    }
    assertThat(errors(SchemaCommand.Kind.CONFIG, "engine: {lease_ttl: 60}\n")).isNotEmpty();
    assertThat(errors(SchemaCommand.Kind.CONFIG, "agent: {kind: robot}\n")).isNotEmpty();
    assertThat(errors(SchemaCommand.Kind.CONFIG, "workflow: {phases: [review]}\n")).isNotEmpty();
  }
}
