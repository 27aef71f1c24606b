package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one-way door: a change waits for a human, who approves or rejects it. */
class HumanGateTest {
  @TempDir Path dir;
  RealClockCli cli;

  @BeforeEach
  void project() throws Exception {
    cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = cli.write("agent.sh", "#!/bin/bash\necho run >> src/runs.txt\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, lease_ttl: 2s, cancel_grace: 1s}
        agent: {kind: command, command: ["%s"], stall_timeout: 5s}
        ---
        """
            .formatted(agent));
    cli.write(
        "wc.yaml",
        """
        id: wc-a
        title: Irreversible
        decision: {id: dec-a}
        repo: {path: repo, base_ref: main}
        scope: {allowed_paths: ["src/**"]}
        autonomy: {one_way_door: require_approval}
        body: work
        """);
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    var run = cli.run("run", "--drain");
    assertThat(run.exit()).as(run.err()).isZero();
  }

  JsonNode show() {
    return cli.run("commission", "show", "wc-a", "--json").json();
  }

  List<String> types() {
    return StreamSupport.stream(
            cli.run("commission", "events", "wc-a", "--json").json().path("events").spliterator(),
            false)
        .map(e -> e.path("type").asText())
        .toList();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anApprovedChangeResumesAfterTheGateWithoutRunningTheAgentAgain() throws Exception {
    JsonNode waiting = show();
    assertThat(waiting.path("state").asText()).isEqualTo("waiting_human");
    assertThat(waiting.path("lease").isNull()).isTrue();

    var stale = cli.run("approve", "wc-a", "--snapshot", "0".repeat(64));
    assertThat(stale.exit()).isEqualTo(2);
    assertThat(show().path("state").asText()).isEqualTo("waiting_human");

    var approve =
        cli.run(
            "approve",
            "wc-a",
            "--snapshot",
            waiting.path("snapshot_hash").asText(),
            "--reason",
            "reviewed");
    assertThat(approve.exit()).as(approve.err()).isZero();
    var run = cli.run("run", "--drain");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(show().path("state").asText()).isEqualTo("completed");
    assertThat(Files.readAllLines(dir.resolve(".sleigh/workspaces/wc-a/src/runs.txt"))).hasSize(1);
    assertThat(types())
        .containsSubsequence("waiting_human", "approved", "claimed", "phase_passed", "completed")
        .filteredOn("waiting_human"::equals)
        .hasSize(1);
    // No execute attempt is recorded that never ran: attempt 1, which waited, passes at its gate.
    List<JsonNode> execute =
        StreamSupport.stream(
                cli.run("commission", "events", "wc-a", "--json")
                    .json()
                    .path("events")
                    .spliterator(),
                false)
            .filter(e -> e.path("phase").asText().equals("execute"))
            .filter(
                e ->
                    List.of("phase_started", "waiting_human", "phase_passed")
                        .contains(e.path("type").asText()))
            .toList();
    assertThat(execute)
        .extracting(e -> e.path("type").asText(), e -> e.path("attempt").asInt())
        .containsExactly(
            tuple("phase_started", 1), tuple("waiting_human", 1), tuple("phase_passed", 1));
    assertThat(execute.getLast().path("data").path("human_gate").asText()).isEqualTo("approved");
    var result = cli.run("result", "wc-a", "--json");
    assertThat(result.out()).doesNotContain("\"attempt\":2");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRejectedChangeBlocksTheCommission() {
    var reject = cli.run("reject", "wc-a", "--reason", "too risky");
    assertThat(reject.exit()).as(reject.err()).isZero();
    assertThat(show().path("state").asText()).isEqualTo("blocked_policy");
    assertThat(cli.run("run", "--drain").exit()).isZero();
    assertThat(show().path("state").asText()).isEqualTo("blocked_policy");
  }
}
