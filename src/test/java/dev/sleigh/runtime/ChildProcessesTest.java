package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.process.ChildStarts;
import dev.sleigh.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a commission costs in child processes, per phase: a simple commission (an agent that writes
 * one file and exits, the default workflow and gates) on real git and a real store starts exactly
 * these, so a change that adds one fails here. docs/benchmarks.md keeps the same table.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildProcessesTest extends StoreAndRepoTest {
  /** The workspace made, the agent's one turn checked and taken, the pass checked and taken. */
  static final List<String> EXECUTE =
      List.of(
          "git rev-parse", // the repository and the base commit, one question
          "git worktree", // the workspace
          "agent.sh",
          "git status", // scope_clean after the turn
          "git rev-parse", // the base commit's tree, asked once per runner
          "git read-tree", // the checkpoint of the turn: a snapshot ...
          "git add",
          "git write-tree",
          "git commit-tree", // ... committed ...
          "git pack-objects", // ... and packed
          "git status", // scope_clean and non_empty_diff at the end, one look
          "git read-tree", // the pass: the same tree as the turn's, so no new commit or pack
          "git add",
          "git write-tree");

  /** The workspace is still a work tree; it holds the checkpoint this run just passed with. */
  static final List<String> MEASURE = List.of("git rev-parse");

  /**
   * {@code projection_policy: external_optional} and {@code delivery_policy: auto_apply_on_pass}:
   * the change is read once for its diff stat and its delivery.
   */
  static final List<String> COMPLETION =
      List.of(
          "git cat-file", // the checkpoint's base and commit are in the repository
          "git diff", // the diff stat: status and line counts
          "git diff", // the delivery's scope check, from the tree: paths and modes
          "git check-ref-format", // the branch name
          "git rev-parse", // the branch does not exist yet
          "git rev-parse", // the target is not bare ...
          "git status", // ... and clean
          "git rev-parse", // it has the base commit
          "git diff", // the patch
          "git read-tree", // applied to a scratch index at the base
          "git apply",
          "git write-tree",
          "git config", // the target's identity
          "git commit-tree",
          "git update-ref");

  @Test
  void aSimpleCommissionStartsTheseChildProcessesPerPhase() throws Exception {
    Map<String, List<String>> programs = run(Fixtures.onRepo("wc-c", revision, repo));

    assertThat(programs).containsOnlyKeys("execute", "measure");
    assertThat(programs.get("execute")).containsExactlyElementsOf(EXECUTE);
    assertThat(programs.get("measure")).containsExactlyElementsOf(MEASURE);
  }

  @Test
  void aCommissionDeliveredAndProjectedAtCompletionStartsTheseMore() throws Exception {
    Commission c = Fixtures.onRepo("wc-d", revision, repo);
    Map<String, List<String>> programs =
        run(
            new Commission(
                c.id(),
                c.title(),
                c.decision(),
                c.problemCardRef(),
                c.repo(),
                c.scope(),
                c.evidence(),
                c.validUntil(),
                Commission.DeliveryPolicy.AUTO_APPLY_ON_PASS,
                Commission.ProjectionPolicy.EXTERNAL_OPTIONAL,
                c.dependsOn(),
                c.priority(),
                c.autonomy(),
                c.body(),
                c.queue()));

    assertThat(programs.get("execute")).containsExactlyElementsOf(EXECUTE);
    assertThat(programs.get("measure")).containsExactlyElementsOf(MEASURE);
    assertThat(programs.get(CommissionRun.COMPLETION)).containsExactlyElementsOf(COMPLETION);
  }

  private Map<String, List<String>> run(Commission c) throws Exception {
    Path agent = dir.resolve("agent.sh");
    Files.writeString(agent, "#!/bin/sh\necho done > src/out.txt\n");
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
    store.intake(c, "c").orThrow();
    Map<String, List<String>> programs;
    try (ChildStarts.Watch watch = ChildStarts.watch();
        Runner runner =
            TestRunners.commandRunner(
                store,
                clock,
                dir.resolve("home"),
                List.of(agent.toString()),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10))) {
      runner.tick();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
      while (runner.inFlight() > 0) {
        assertThat(System.nanoTime()).as("the run did not end").isLessThan(deadline);
        runner.awaitChange(Duration.ofMillis(200));
      }
      programs = watch.programsByPart();
    }
    assertThat(store.find(c.id()).orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
    return programs;
  }
}
