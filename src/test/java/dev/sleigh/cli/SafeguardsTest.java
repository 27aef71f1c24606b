package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hooks, configured gates, the rule-based judge and the human gate's escalation and expiry. */
class SafeguardsTest {
  @TempDir Path dir;

  RealClockCli project(String agentScript, String frontMatter) throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = cli.write("agent.sh", "#!/bin/bash\n" + agentScript + "\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        "---\nengine: {poll_interval: 100ms, lease_ttl: 2s, cancel_grace: 500ms}\n"
            + "retry: {backoff_base: 100ms, backoff_max: 200ms}\n"
            + "agent: {kind: command, command: [\""
            + agent
            + "\"]}\n"
            + frontMatter
            + "---\n");
    cli.write(
        "wc.yaml",
        "id: wc-a\ntitle: T\ndecision: {id: dec-a}\nrepo: {path: repo, base_ref: main}\n"
            + "scope: {allowed_paths: [\"src/**\"]}\nbody: b\n");
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    cli.drain();
    return cli;
  }

  static JsonNode show(RealClockCli cli) {
    return cli.run("commission", "show", "wc-a", "--json").json();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFailingBlockingHookFailsEachAttemptRetryably() throws Exception {
    RealClockCli cli = project("echo x > src/a.txt", "hooks: {before_run: \"exit 3\"}\n");
    JsonNode s = show(cli);
    assertThat(s.path("state").asText()).isEqualTo("failed");
    assertThat(s.path("reason").asText()).isEqualTo("retry_budget_exhausted");
    var events = cli.run("commission", "events", "wc-a", "--json").json().path("events");
    assertThat(
            StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.path("type").asText().equals("phase_failed"))
                .map(e -> e.path("data").path("reason").asText()))
        .hasSize(3)
        .allMatch(r -> r.equals("hook_failed:before_run (exit 3)"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFailingWarningHookDoesNotStopTheCommission() throws Exception {
    RealClockCli cli =
        project(
            "echo x > src/a.txt",
            "hooks: {after_run: {run: \"exit 4\", policy: warning}, after_create: \"echo made > src/created.txt\"}\n");
    assertThat(show(cli).path("state").asText()).isEqualTo("completed");
    assertThat(dir.resolve(".sleigh/workspaces/wc-a/src/created.txt")).exists();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aHangingHookIsKilledAtItsTimeout() throws Exception {
    RealClockCli cli =
        project("echo x > src/a.txt", "hooks: {timeout: 500ms, before_run: \"sleep 607\"}\n");
    assertThat(show(cli).path("state").asText()).isEqualTo("failed");
    var events = cli.run("commission", "events", "wc-a", "--json").json().path("events");
    assertThat(
            StreamSupport.stream(events.spliterator(), false)
                .anyMatch(
                    e ->
                        e.path("data")
                            .path("reason")
                            .asText()
                            .startsWith("hook_failed:before_run (timed out")))
        .isTrue();
    Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep 607").start();
    assertThat(pgrep.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pgrep.exitValue()).as("no hook process survives").isEqualTo(1);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theRuleBasedJudgeRejectsAChangeWithAForbiddenLine() throws Exception {
    RealClockCli cli =
        project(
            "echo 'TODO: finish later' > src/a.txt",
            "workflow:\n  phases:\n    preflight: {}\n    execute: {gates: [scope_clean, non_empty_diff, judge]}\n"
                + "gates: {judge: {forbidden_patterns: [\"TODO\"]}}\n");
    JsonNode s = show(cli);
    assertThat(s.path("state").asText()).isEqualTo("failed");
    assertThat(s.path("reason").asText()).startsWith("judge_rejected").contains("TODO");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anUnknownGateIsAConfigurationErrorWithItsLine() throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    cli.write(
        "sleigh.md",
        "---\nworkflow:\n  phases:\n    preflight: {}\n    execute: {gates: [scope_clean, vibes]}\n---\n");
    var run = cli.run("run", "--once");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("sleigh.md:5").contains("vibes").contains("execute");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aConfiguredHumanGateWaitsThenIsEscalatedAndFinallyExpires() throws Exception {
    project(
        "echo x > src/a.txt",
        "gates: {human: {phases: [measure], escalate_after: 1h, expire_after: 2h}}\n");
    CliHarness later = new CliHarness(dir);
    later.clock.set(Instant.now().plus(Duration.ofMinutes(90)));
    JsonNode waiting = later.run("status", "--json").json().path("waiting_human");
    assertThat(waiting).hasSize(1);
    assertThat(waiting.get(0).path("phase").asText()).isEqualTo("measure");
    assertThat(waiting.get(0).path("escalated").asBoolean()).isTrue();

    later.clock.set(Instant.now().plus(Duration.ofHours(3)));
    assertThat(later.run("run", "--once").exit()).isZero();
    JsonNode s = later.run("commission", "show", "wc-a", "--json").json();
    assertThat(s.path("state").asText()).isEqualTo("blocked_policy");
    assertThat(s.path("reason").asText()).startsWith("approval_expired");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFailingBeforeRemoveHookKeepsTheWorkspaceInGc() throws Exception {
    RealClockCli cli = project("echo x > src/a.txt", "hooks: {before_remove: \"exit 5\"}\n");
    assertThat(show(cli).path("state").asText()).isEqualTo("completed");
    var gc = cli.run("gc", "--json");
    assertThat(gc.json().path("kept").get(0).path("why").asText())
        .startsWith("hook_failed:before_remove");
    assertThat(dir.resolve(".sleigh/workspaces/wc-a")).exists();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFailedAfterCreateHookRunsAgainOnTheNextAttempt() throws Exception {
    // The hook fails the first time only: it leaves a mark outside the workspace.
    RealClockCli cli =
        project(
            "echo x > src/a.txt",
            "hooks: {after_create: \"if [ -f ../../../created-once ]; then exit 0; fi; touch ../../../created-once; exit 9\"}\n");
    assertThat(show(cli).path("state").asText()).isEqualTo("completed");
    var events = cli.run("commission", "events", "wc-a", "--json").json().path("events");
    assertThat(
            StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.path("type").asText().equals("phase_failed"))
                .map(e -> e.path("data").path("reason").asText()))
        .singleElement()
        .asString()
        .contains("hook_failed:after_create");
  }
}
