package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --drain} says how each commission it touched ended, and fails when any failed. */
class RunSummaryTest {
  @TempDir Path dir;

  private RealClockCli project() throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent =
        cli.write(
            "agent.sh",
            "#!/bin/bash\n"
                + "if [ \"$SLEIGH_COMMISSION_ID\" = wc-bad ] && [ \"$SLEIGH_PHASE\" = execute ];"
                + " then echo broken >&2; exit 1; fi\n"
                + "echo hello > src/out.txt\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        "---\nengine: {poll_interval: 100ms, lease_ttl: 2s}\n"
            + "retry: {max_attempts_per_phase: 1, backoff_base: 100ms, backoff_max: 100ms}\n"
            + "agent: {kind: command, command: [\""
            + agent
            + "\"]}\n---\n");
    for (String id : List.of("wc-good", "wc-bad")) {
      cli.write(
          id + ".yaml",
          "id: "
              + id
              + "\ntitle: T\ndecision: {id: dec-a}\nrepo: {path: repo, base_ref: main}\n"
              + "scope: {allowed_paths: [\"src/**\"]}\nbody: b\n");
      assertThat(cli.run("commission", "create", "-f", id + ".yaml").exit()).isZero();
    }
    return cli;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aDrainThatLeftACommissionFailedExitsOneAndListsHowEachEnded() throws Exception {
    RealClockCli cli = project();

    var run = cli.run("run", "--drain");

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .contains("  wc-good: completed")
        .containsPattern("  wc-bad: failed \\(.+\\)");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theJsonSummaryListsEveryCommissionWithItsStateAndReason() throws Exception {
    RealClockCli cli = project();

    var run = cli.run("run", "--drain", "--json");

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    JsonNode summary =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(run.out().lines().toList().getLast());
    assertThat(summary.path("commissions"))
        .extracting(c -> c.path("id").asText() + "=" + c.path("state").asText())
        .containsExactlyInAnyOrder("wc-good=completed", "wc-bad=failed");
  }
}
