package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.testkit.FlakyStore;
import dev.sleigh.testkit.GitRepos;
import dev.sleigh.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot be reached for longer than the lease ttl while an agent works: the runner
 * stays up, claims nothing, keeps the agent running, and once the store is back renews the lease
 * nobody took over and carries on, so the agent runs once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunnerOutageTest {
  static final Duration TTL = Duration.ofSeconds(3);
  static final Duration LIMIT = Duration.ofMinutes(10);

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
  CommissionStore real;
  FlakyStore flaky;
  Path repo;
  String revision;

  @BeforeEach
  void open() throws Exception {
    real = Stores.open(Stores.defaultUrl(dir.resolve("home")), clock, new SplittableRandom(5));
    flaky = new FlakyStore(real);
    repo = GitRepos.create(dir.resolve("repo"));
    revision = real.decisions().add("dec-a", "A", "").revision();
    for (String fifo : List.of("started", "release")) {
      Process p = new ProcessBuilder("mkfifo", dir.resolve(fifo).toString()).start();
      assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    }
  }

  @AfterEach
  void close() {
    real.close();
  }

  /** An agent that says it started, waits for the test to release it, then changes a file. */
  private Path agent() throws Exception {
    Path script = dir.resolve("agent.sh");
    Files.writeString(
        script,
        """
        #!/bin/bash
        echo started > %s
        read -r line < %s
        mkdir -p src && echo changed > src/out.txt
        """
            .formatted(dir.resolve("started"), dir.resolve("release")));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private Runner runner() throws Exception {
    return TestRunners.commandRunner(
        flaky.store(), clock, dir.resolve("home"), List.of(agent().toString()), TTL, LIMIT);
  }

  private Commission commission(String id) {
    return Fixtures.onRepo(id, revision, repo);
  }

  /** Blocks until the agent writes to the {@code started} pipe. */
  private void awaitAgentStarted() throws Exception {
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(dir.resolve("started"), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .get(30, TimeUnit.SECONDS);
  }

  private void releaseAgent() throws Exception {
    CompletableFuture.runAsync(
            () -> {
              try {
                Files.writeString(dir.resolve("release"), "go\n", StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .get(30, TimeUnit.SECONDS);
  }

  private void awaitIdle(Runner runner) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (runner.inFlight() > 0) {
      assertThat(System.nanoTime()).as("the run did not end").isLessThan(deadline);
      runner.awaitChange(Duration.ofMillis(200));
      runner.tick();
    }
  }

  @Test
  void anOutageLongerThanTheLeaseTtlDuringExecuteIsRiddenThroughWithOneAgentLaunch()
      throws Exception {
    real.intake(commission("wc-a"), "c").orThrow();
    try (Runner runner = runner()) {
      assertThat(runner.tick()).isEqualTo(1);
      awaitAgentStarted();

      flaky.down();
      clock.tick(TTL.multipliedBy(2));
      assertThat(runner.tick()).isZero();
      assertThat(runner.tick()).isZero();
      assertThat(runner.storeLost()).isFalse();
      assertThat(runner.drained()).isFalse();
      releaseAgent();

      flaky.up();
      clock.tick(Duration.ofSeconds(1));
      awaitIdle(runner);
    }
    var record = real.find("wc-a").orElseThrow();
    List<Event> events = real.events("wc-a", 0);
    assertThat(record.state()).as(events.toString()).isEqualTo(CommissionState.COMPLETED);
    assertThat(
            events.stream()
                .filter(e -> e.type() == EventType.PHASE_STARTED && e.phase() == Phase.EXECUTE))
        .hasSize(1);
    assertThat(events).noneMatch(e -> e.type() == EventType.LEASE_EXPIRED);
    assertThat(real.verify()).isEmpty();
  }

  @Test
  void anOutageBeyondItsLimitTellsTheDriverToStop() throws Exception {
    real.intake(commission("wc-b"), "c").orThrow();
    try (Runner runner = runner()) {
      assertThat(runner.tick()).isEqualTo(1);
      awaitAgentStarted();
      flaky.down();
      clock.tick(TTL);
      assertThat(runner.tick()).isZero();
      clock.tick(LIMIT.minusSeconds(1));
      runner.tick();
      assertThat(runner.storeLost()).isFalse();

      clock.tick(Duration.ofSeconds(2));
      runner.tick();
      assertThat(runner.storeLost()).isTrue();
      runner.shutdown(Duration.ZERO);
    }
    assertThat(RunTags.scan()).noneMatch(t -> t.tags().commissionId().equals("wc-b"));
  }
}
