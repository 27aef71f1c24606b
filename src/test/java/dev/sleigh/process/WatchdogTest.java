package dev.sleigh.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Watches driven by hand: a limit is noticed on the tick it is reached, never before. */
@Timeout(60)
class WatchdogTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Watchdog watchdog = new Watchdog();
  private Child child;

  @AfterEach
  void cleanUp() {
    watchdog.close();
    if (child != null) {
      child.close();
    }
  }

  private Child sleeper(String script) throws Exception {
    child =
        Child.start(
            new ChildLaunch(
                List.of("bash", "-c", script),
                dir,
                Map.of("PATH", System.getenv("PATH")),
                new ChildLaunch.Input.Nothing(),
                new ChildLaunch.Output.ToFiles(dir.resolve("out.log"), null)));
    return child;
  }

  /** A limit that is reached once the clock passes {@code at}. */
  private Optional<String> reachedAt(Instant at) {
    return clock.instant().isBefore(at) ? Optional.empty() : Optional.of("limit");
  }

  @Test
  void aWatchFiresOnTheFirstTickAtOrAfterItsLimitAndNotBefore() throws Exception {
    Child c = sleeper("exec sleep 60");
    Instant limit = clock.instant().plusSeconds(5);
    try (var watch = watchdog.watch(c, Duration.ofMinutes(1), () -> reachedAt(limit))) {
      clock.tick(Duration.ofMillis(4_999));
      watchdog.tick();
      assertThat(watch.fired()).isNotDone();

      clock.tick(Duration.ofMillis(1));
      watchdog.tick();
      assertThat(watch.fired()).isCompletedWithValue("limit");
      assertThat(watchdog.open()).isZero();
    }
  }

  @Test
  void aChildItsOwnerDoesNotStopIsKilledByTheWatchdogOnceTheGraceIsOver() throws Exception {
    Child c = sleeper("trap '' TERM; sleep 60 & wait");
    try (var watch = watchdog.watch(c, Duration.ofMillis(200), () -> Optional.of("stalled"))) {
      watchdog.tick();
      assertThat(watch.fired()).isCompletedWithValue("stalled");
      // nobody calls stop: the backstop must end the whole tree on its own
      c.onExit().get(20, TimeUnit.SECONDS);
      List<ProcessHandle> tree =
          ProcTable.treeOf(-1, 0, -1, Child.MARKER, c.marker()).stream()
              .flatMap(pid -> ProcessHandle.of(pid).stream())
              .toList();
      assertThat(Liveness.awaitGone(tree, Duration.ofSeconds(20))).isTrue();
    }
  }

  @Test
  void aClosedWatchNeverFires() throws Exception {
    Child c = sleeper("exec sleep 60");
    var watch = watchdog.watch(c, Duration.ofMillis(100), () -> Optional.of("late"));
    watch.close();
    watchdog.tick();
    assertThat(watch.fired()).isNotDone();
    assertThat(c.isAlive()).isTrue();
  }

  @Test
  void aFutureNotDoneWithinItsLimitFailsWithTheGivenError() {
    CompletableFuture<String> never = new CompletableFuture<>();
    watchdog.within(never, Duration.ofMillis(50), () -> new IllegalStateException("no answer"));

    assertThatThrownBy(() -> never.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no answer");
  }

  @Test
  void theSharedWatchdogTicksOnAPlatformThreadOfItsOwn() throws Exception {
    Child c = sleeper("exec sleep 60");
    CompletableFuture<Boolean> checkedOnVirtual = new CompletableFuture<>();
    try (var watch =
        Watchdog.shared()
            .watch(
                c,
                Duration.ofSeconds(10),
                () -> {
                  checkedOnVirtual.complete(Thread.currentThread().isVirtual());
                  return Optional.of("seen");
                })) {
      assertThat(watch.fired().get(20, TimeUnit.SECONDS)).isEqualTo("seen");
      assertThat(checkedOnVirtual.get()).isFalse();
    }
  }
}
