package dev.sleigh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sleigh.config.SleighConfig.AgentKind;
import dev.sleigh.config.SleighConfig.AgentSettings;
import dev.sleigh.config.SleighConfig.Engine;
import dev.sleigh.config.SleighConfig.WorkspaceSettings;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SleighConfigReaderTest {
  static final Path BASE = Path.of("/projects/app");

  private final SleighConfigReader reader = new SleighConfigReader();

  private SleighConfig read(String text) {
    return reader.read(text, "sleigh.md", BASE);
  }

  @Test
  void fullFileWithEverySettingBecomesTheExpectedRecord() {
    String text =
        """
        ---
        engine:
          poll_interval: 500ms
          concurrency: 4
          lease_ttl: 30s
          cancel_grace: 5s
          revalidate_on_resume: false
        retry: {max_attempts_per_phase: 2, max_attempts_total: 5, backoff_base: 1s, backoff_max: 2m, max_lease_expiries: 1}
        agent:
          kind: command
          command: [my-agent, --quiet]
          env: {MODEL: small, RETRIES: "3"}
          stall_timeout: 90s
          turn_timeout: 2h
        workspace:
          root: /var/sleigh/ws
        workflow:
          phases: [preflight, execute]
        ---
        # Notes for whoever edits this file

        ## Execute

        Do {{commission.title}}.

        ## Measure
        """;

    SleighConfig config = read(text);

    assertThat(config)
        .isEqualTo(
            new SleighConfig(
                new Engine(
                    Duration.ofMillis(500),
                    4,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    false),
                new RetryPolicy(2, 5, Duration.ofSeconds(1), Duration.ofMinutes(2), 1),
                new AgentSettings(
                    AgentKind.COMMAND,
                    List.of("my-agent", "--quiet"),
                    Map.of("MODEL", "small", "RETRIES", "3"),
                    Duration.ofSeconds(90),
                    Duration.ofHours(2)),
                new WorkspaceSettings(Path.of("/var/sleigh/ws")),
                Workflow.of(Phase.PREFLIGHT, Phase.EXECUTE),
                Map.of(Phase.EXECUTE, new PromptTemplate("Do {{commission.title}}."))));
  }

  @Test
  void emptyFrontMatterGivesEveryDefault() {
    assertThat(read("---\n---\n")).isEqualTo(SleighConfig.defaults(BASE));
    assertThat(read("---\n# only a comment\n\n---\n")).isEqualTo(SleighConfig.defaults(BASE));
  }

  @Test
  void sectionsWithoutValuesKeepTheirDefaults() {
    String text = "---\nengine:\nagent: {}\nworkflow:\n  phases:\n---\n";
    assertThat(read(text)).isEqualTo(SleighConfig.defaults(BASE));
  }

  @Test
  void defaultsRunTheDemoAgentWithAnExecutePromptThatCarriesTheCommissionBody() {
    SleighConfig defaults = SleighConfig.defaults(BASE);

    assertThat(defaults.agent().kind()).isEqualTo(AgentKind.DEMO);
    assertThat(defaults.workflow()).isEqualTo(Workflow.DEFAULT);
    assertThat(defaults.retry()).isEqualTo(RetryPolicy.DEFAULT);
    assertThat(defaults.engine().concurrency()).isEqualTo(2);
    assertThat(defaults.engine().leaseTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.prompt(Phase.EXECUTE).orElseThrow().text()).contains("{{commission.body}}");
  }

  @Test
  void relativeWorkspaceRootResolvesAgainstTheDirectoryHoldingTheFile(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("sleigh.md"), "---\nworkspace: {root: ../ws}\n---\n");

    SleighConfig config = reader.read(file);

    assertThat(config.workspace().root())
        .isEqualTo(dir.toAbsolutePath().getParent().resolve("ws").normalize());
    assertThat(SleighConfig.defaults(dir).workspace().root())
        .isEqualTo(dir.toAbsolutePath().resolve(".sleigh/workspaces"));
  }

  @Test
  void checkpointSizeAndRetentionAndTheStoreOutageLimitAreReadWithTheirUnits(@TempDir Path dir)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("sleigh.md"),
            "---\nengine: {store_outage_limit: 90s}\nworkspace:\n  max_checkpoint_size: 5MiB\n"
                + "  checkpoint_retention: 7d\n---\n");

    SleighConfig config = reader.read(file);

    assertThat(config.workspace().maxCheckpointSize()).isEqualTo(5L << 20);
    assertThat(config.workspace().checkpointRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.engine().storeOutageLimit()).isEqualTo(Duration.ofSeconds(90));
    SleighConfig defaults = SleighConfig.defaults(dir);
    assertThat(defaults.workspace().maxCheckpointSize()).isEqualTo(100_000_000L);
    assertThat(defaults.workspace().checkpointRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.engine().storeOutageLimit()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void missingFileIsItsOwnErrorNamingTheFile(@TempDir Path dir) {
    Path file = dir.resolve("sleigh.md");

    var e = catchThrowableOfType(ConfigFileMissingException.class, () -> reader.read(file));

    assertThat(e.file()).isEqualTo(file);
    assertThat(e).hasMessageContaining(file.toString());
  }

  @Test
  void blankSectionRemovesThatPhasesPrompt() {
    SleighConfig config = read("---\n---\n## Measure\n\n## Execute\nGo: {{commission.body}}\n");

    assertThat(config.prompts()).containsOnlyKeys(Phase.EXECUTE);
    assertThat(config.prompt(Phase.MEASURE)).isEmpty();
  }

  @Test
  void headingsInsideACodeFenceBelongToThePrompt() {
    String text = "---\n---\n## Execute\nWrite:\n```\n## Not a section\n```\ndone\n";

    assertThat(read(text).prompt(Phase.EXECUTE).orElseThrow().text())
        .isEqualTo("Write:\n```\n## Not a section\n```\ndone");
  }

  @Test
  void windowsLineEndingsAreRead() {
    SleighConfig config = read("---\r\nengine: {concurrency: 3}\r\n---\r\n## Execute\r\nGo\r\n");

    assertThat(config.engine().concurrency()).isEqualTo(3);
    assertThat(config.prompt(Phase.EXECUTE).orElseThrow().text()).isEqualTo("Go");
  }

  @Test
  void theInitTemplateYieldsExactlyTheDefaults() throws IOException {
    String template;
    try (InputStream in =
        SleighConfigReaderTest.class.getResourceAsStream("/dev/sleigh/init/sleigh.md")) {
      assumeTrue(in != null, "the sleigh init template is not on the classpath yet");
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(reader.read(template, "init/sleigh.md", BASE))
        .isEqualTo(SleighConfig.defaults(BASE));
  }
}
