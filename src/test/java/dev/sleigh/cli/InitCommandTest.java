package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.config.SleighConfigReader;
import dev.sleigh.domain.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path dir;

  @Test
  void initCreatesTheHomeDirectoryAndACommentedConfigWithEveryDefault() throws Exception {
    var cli = new CliHarness(dir);

    var result = cli.run("init", "project");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(dir.resolve("project/.sleigh")).isDirectory();
    String text = Files.readString(dir.resolve("project/sleigh.md"));
    assertThat(text)
        .startsWith("---\n")
        .contains(
            "# ",
            "## Execute",
            "{{commission.title}}",
            "{{commission.body}}",
            "{{attempt}}",
            "{{scope.allowed_paths}}")
        .doesNotContain("\n## Measure", "\n## Preflight", "\n## Frame");
    SleighConfig read = new SleighConfigReader().read(dir.resolve("project/sleigh.md"));
    assertThat(read.prompts()).containsOnlyKeys(Phase.EXECUTE);
    JsonNode front = frontMatter(text);
    assertThat(front.at("/engine/poll_interval").asText()).isEqualTo("2s");
    assertThat(front.at("/engine/concurrency").asInt()).isEqualTo(2);
    assertThat(front.at("/engine/lease_ttl").asText()).isEqualTo("60s");
    assertThat(front.at("/engine/cancel_grace").asText()).isEqualTo("10s");
    assertThat(front.at("/engine/revalidate_on_resume").asBoolean()).isTrue();
    assertThat(front.at("/retry/max_attempts_per_phase").asInt()).isEqualTo(3);
    assertThat(front.at("/retry/max_attempts_total").asInt()).isEqualTo(8);
    assertThat(front.at("/retry/backoff_base").asText()).isEqualTo("10s");
    assertThat(front.at("/retry/backoff_max").asText()).isEqualTo("300s");
    assertThat(front.at("/retry/max_lease_expiries").asInt()).isEqualTo(3);
    assertThat(front.at("/agent/kind").asText()).isEqualTo("demo");
    assertThat(front.at("/agent/command").isArray()).isTrue();
    assertThat(front.at("/agent/env").isObject()).isTrue();
    assertThat(front.at("/agent/stall_timeout").asText()).isEqualTo("5m");
    assertThat(front.at("/agent/turn_timeout").asText()).isEqualTo("1h");
    assertThat(front.at("/workspace/root").asText()).isEqualTo(".sleigh/workspaces");
    assertThat(front.at("/workflow/phases").toString())
        .isEqualTo("[\"preflight\",\"frame\",\"execute\",\"measure\"]");
  }

  @Test
  void initNeverOverwritesAnExistingConfig() throws Exception {
    var cli = new CliHarness(dir);
    Files.writeString(dir.resolve("sleigh.md"), "mine\n");

    var result = cli.run("init");

    assertThat(result.exit()).isZero();
    assertThat(Files.readString(dir.resolve("sleigh.md"))).isEqualTo("mine\n");
    assertThat(result.err()).contains("already exists");
    assertThat(dir.resolve(".sleigh")).isDirectory();
  }

  @Test
  void initWithJsonSaysWhatItCreated() {
    var cli = new CliHarness(dir);

    JsonNode first = cli.run("init", "--json").json();
    JsonNode second = cli.run("init", "--json").json();

    assertThat(first.path("config").asText()).isEqualTo(dir.resolve("sleigh.md").toString());
    assertThat(first.path("home").asText()).isEqualTo(dir.resolve(".sleigh").toString());
    assertThat(first.path("config_created").asBoolean()).isTrue();
    assertThat(second.path("config_created").asBoolean()).isFalse();
  }

  private static JsonNode frontMatter(String text) throws Exception {
    String[] parts = text.split("(?m)^---$", 3);
    return new ObjectMapper(new YAMLFactory()).readTree(parts[1]);
  }
}
