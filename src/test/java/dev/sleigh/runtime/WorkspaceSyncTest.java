package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The work lives in the store: a workspace that disappears between attempts or phases is restored
 * from the latest checkpoint, one that cannot be restored blocks the commission without running the
 * agent, and a checkpoint too large to keep fails the phase.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WorkspaceSyncTest extends StoreAndRepoTest {
  static final Duration TTL = Duration.ofSeconds(3);

  /**
   * An agent that counts its launches; the first writes its half and fails, a later one finds that
   * half (restored or not) and finishes.
   */
  private Path halfAtATimeAgent() throws Exception {
    return script(
        "agent.sh",
        """
        #!/bin/bash
        echo launch >> %s
        if [ -f src/half.txt ]; then echo second >> src/half.txt; exit 0; fi
        echo first > src/half.txt
        exit 1
        """
            .formatted(dir.resolve("launches")));
  }

  private Path script(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private Runner runner(Path agent, long maxCheckpointSize) {
    return TestRunners.commandRunner(
        store,
        clock,
        dir.resolve("home"),
        List.of(agent.toString()),
        TTL,
        Duration.ofMinutes(10),
        maxCheckpointSize);
  }

  /** Ticks until nothing is in flight, then moves the clock past any retry. */
  private void runUntilIdle(Runner runner) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    runner.tick();
    while (runner.inFlight() > 0) {
      assertThat(System.nanoTime()).as("the run did not end").isLessThan(deadline);
      runner.awaitChange(Duration.ofMillis(200));
      runner.tick();
    }
    clock.tick(Duration.ofMinutes(10));
  }

  private Path workspace(String id) {
    return dir.resolve("home/workspaces").resolve(id);
  }

  private List<Event> events(String id, EventType type) {
    return store.events(id, 0).stream().filter(e -> e.type() == type).toList();
  }

  private long launches() throws Exception {
    return Files.readAllLines(dir.resolve("launches")).size();
  }

  @Test
  void aWorkspaceDeletedByHandBetweenAttemptsIsRestoredFromTheLatestCheckpoint() throws Exception {
    store.intake(Fixtures.onRepo("wc-r", revision, repo), "c").orThrow();
    try (Runner runner = runner(halfAtATimeAgent(), 100_000_000L)) {
      runUntilIdle(runner);
      assertThat(events("wc-r", EventType.TURN_COMPLETED)).hasSize(1);
      deleteByHand(workspace("wc-r"));

      runUntilIdle(runner);
      runUntilIdle(runner);
    }
    assertThat(store.find("wc-r").orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
    assertThat(workspace("wc-r").resolve("src/half.txt")).hasContent("first\nsecond");
    assertThat(launches()).isEqualTo(2);
    CheckpointRef passed =
        CheckpointRef.of(
                events("wc-r", EventType.PHASE_PASSED).stream()
                    .filter(e -> e.phase() == Phase.EXECUTE)
                    .findFirst()
                    .orElseThrow())
            .orElseThrow();
    assertThat(store.checkpointPack("wc-r", passed.commit())).isPresent();
  }

  @Test
  void aMeasureAfterTheWorkspaceWasDeletedRunsOnExactlyTheTreeExecutePassedWith() throws Exception {
    Path once = dir.resolve("evidence-failed-once");
    Commission withEvidence =
        new Commission(
            "wc-m",
            "T",
            new Commission.DecisionRef("dec-a", revision),
            null,
            new Commission.Repo(repo.toString(), null, "main"),
            new Commission.Scope(List.of("src/**"), List.of(), List.of()),
            List.of(
                new Commission.Evidence(
                    "content",
                    "test -f %s || { touch %s; exit 1; }; grep -q second src/half.txt"
                        .formatted(once, once),
                    Duration.ofSeconds(30))),
            null,
            null,
            null,
            List.of(),
            3,
            null,
            "work");
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/half.txt"), "first\n");
    GitRepos.git(repo, "add", "-A");
    GitRepos.git(repo, "commit", "-q", "-m", "half");
    store.intake(withEvidence, "c").orThrow();
    try (Runner runner = runner(halfAtATimeAgent(), 100_000_000L)) {
      runUntilIdle(runner);
      assertThat(store.find("wc-m").orElseThrow().retryAt()).isNotNull();
      deleteByHand(workspace("wc-m"));

      runUntilIdle(runner);
    }
    assertThat(store.find("wc-m").orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
    assertThat(launches()).isEqualTo(1);
    assertThat(workspace("wc-m").resolve("src/half.txt")).hasContent("first\nsecond");
  }

  @Test
  void aCheckpointWhoseBaseTheRepositoryLostBlocksTheCommissionAndRunsNoAgent() throws Exception {
    store.intake(Fixtures.onRepo("wc-b", revision, repo), "c").orThrow();
    try (Runner runner = runner(halfAtATimeAgent(), 100_000_000L)) {
      runUntilIdle(runner);
      String base = CheckpointRef.latest(store.events("wc-b", 0)).orElseThrow().base();
      // The repository is rewritten: its history no longer holds the commit the work stands on.
      deleteByHand(workspace("wc-b"));
      GitRepos.git(repo, "worktree", "prune");
      GitRepos.git(repo, "checkout", "-q", "--orphan", "fresh");
      GitRepos.git(repo, "commit", "-q", "-m", "rewritten");
      GitRepos.git(repo, "branch", "-D", "main");
      GitRepos.git(repo, "reflog", "expire", "--expire=now", "--all");
      GitRepos.git(repo, "gc", "-q", "--prune=now");

      runUntilIdle(runner);

      var record = store.find("wc-b").orElseThrow();
      assertThat(record.state()).isEqualTo(CommissionState.BLOCKED_CONFLICT);
      assertThat(record.reason())
          .startsWith("checkpoint_base_missing")
          .contains(base)
          .contains(repo.toString());
    }
    assertThat(launches()).isEqualTo(1);
  }

  @Test
  void aChangeTooLargeToCheckpointFailsExecuteForGood() throws Exception {
    Path big = script("big.sh", "#!/bin/bash\nhead -c 200000 /dev/urandom > src/noise.bin\n");
    store.intake(Fixtures.onRepo("wc-l", revision, repo), "c").orThrow();
    try (Runner runner = runner(big, 50_000L)) {
      runUntilIdle(runner);
    }
    var record = store.find("wc-l").orElseThrow();
    assertThat(record.state()).isEqualTo(CommissionState.FAILED);
    assertThat(store.events("wc-l", 0).toString())
        .contains("checkpoint_too_large", "workspace.max_checkpoint_size 50KB");
    assertThat(store.checkpoints("wc-l")).isEmpty();
  }

  /** Removes a directory tree the way an operator would, from outside Sleigh. */
  private static void deleteByHand(Path root) throws Exception {
    try (var all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
