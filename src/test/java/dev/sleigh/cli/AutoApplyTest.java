package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code delivery_policy: auto_apply_on_pass} commits the change at completion. */
class AutoApplyTest {
  @TempDir Path dir;

  RealClockCli project() throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = cli.write("agent.sh", "#!/bin/bash\necho shipped > src/shipped.txt\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        "---\nengine: {poll_interval: 100ms, lease_ttl: 2s}\nagent: {kind: command, command: [\""
            + agent
            + "\"]}\n---\n");
    cli.write(
        "wc.yaml",
        "id: wc-a\ntitle: Ship it\ndecision: {id: dec-a}\nrepo: {path: repo, base_ref: main}\n"
            + "scope: {allowed_paths: [\"src/**\"]}\ndelivery_policy: auto_apply_on_pass\nbody: b\n");
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    return cli;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aPassingCommissionIsAppliedAsOneCommitAndTheCommitIsRecorded() throws Exception {
    RealClockCli cli = project();
    assertThat(cli.run("run", "--drain").exit()).isZero();
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("completed");
    var events = cli.run("commission", "events", "wc-a", "--json").json().path("events");
    var applied =
        StreamSupport.stream(events.spliterator(), false)
            .filter(e -> e.path("type").asText().equals("applied"))
            .findFirst()
            .orElseThrow();
    assertThat(applied.path("data").path("branch").asText()).isEqualTo("sleigh/wc-a");
    String commit = applied.path("data").path("commit").asText();
    Process show =
        new ProcessBuilder(
                "git",
                "-C",
                dir.resolve("repo").toString(),
                "show",
                "--stat",
                "--format=%H %s",
                "sleigh/wc-a")
            .redirectErrorStream(true)
            .start();
    String out = new String(show.getInputStream().readAllBytes());
    assertThat(show.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).startsWith(commit).contains("src/shipped.txt");
    assertThat(dir.resolve("repo/src/shipped.txt")).doesNotExist();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aDirtyTargetBlocksTheCommissionAsAConflictAndKeepsTheWork() throws Exception {
    RealClockCli cli = project();
    Files.writeString(dir.resolve("repo/README.md"), "edited by hand\n");
    assertThat(cli.run("run", "--drain").exit()).isZero();
    var show = cli.run("commission", "show", "wc-a", "--json").json();
    assertThat(show.path("state").asText()).isEqualTo("blocked_conflict");
    assertThat(show.path("reason").asText()).startsWith("dirty_target");
    assertThat(dir.resolve(".sleigh/workspaces/wc-a/src/shipped.txt")).exists();
  }
}
