package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Measure runs every evidence command; all must pass, and each run is recorded. */
class EvidenceTest {
  @TempDir Path dir;

  RealClockCli project(String evidenceCommand, String frontMatter) throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = cli.write("agent.sh", "#!/bin/bash\necho 'version=2' > src/app.txt\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        "---\nengine: {poll_interval: 100ms, lease_ttl: 2s}\n"
            + "retry: {backoff_base: 100ms, backoff_max: 200ms}\nagent: {kind: command, command: [\""
            + agent
            + "\"]}\n"
            + frontMatter
            + "---\n");
    cli.write(
        "wc.yaml",
        "id: wc-a\ntitle: T\ndecision: {id: dec-a}\nrepo: {path: repo, base_ref: main}\n"
            + "scope: {allowed_paths: [\"src/**\"]}\nevidence:\n  - {name: unit-tests, command: \""
            + evidenceCommand
            + "\", timeout: 30s}\nbody: b\n");
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    cli.drain();
    return cli;
  }

  static List<JsonNode> evidence(RealClockCli cli) {
    var events = cli.run("commission", "events", "wc-a", "--json").json().path("events");
    return StreamSupport.stream(events.spliterator(), false)
        .filter(
            e ->
                e.path("type").asText().equals("evidence_recorded")
                    && e.path("data").path("name").asText().equals("unit-tests"))
        .toList();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void passingEvidenceCompletesTheCommissionWithTheRunRecorded() throws Exception {
    RealClockCli cli = project("grep -q version=2 src/app.txt && echo all green", "");
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("completed");
    assertThat(evidence(cli))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("data").path("passed").asBoolean()).isTrue();
              assertThat(e.path("data").path("exit_code").asInt()).isZero();
              assertThat(e.path("data").path("output_tail").asText()).contains("all green");
              assertThat(e.path("data").path("output_sha256").asText()).hasSize(64);
            });
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void failingEvidenceFailsMeasureRetryablyUntilTheBudgetIsSpent() throws Exception {
    RealClockCli cli = project("echo 2 tests failed; exit 1", "");
    JsonNode show = cli.run("commission", "show", "wc-a", "--json").json();
    assertThat(show.path("state").asText()).isEqualTo("failed");
    assertThat(show.path("reason").asText()).isEqualTo("retry_budget_exhausted");
    assertThat(evidence(cli))
        .hasSize(3)
        .allMatch(
            e ->
                !e.path("data").path("passed").asBoolean()
                    && e.path("data").path("exit_code").asInt() == 1);
    assertThat(Files.readString(dir.resolve(".sleigh/workspaces/wc-a/src/app.txt")))
        .contains("version=2");
  }
}
