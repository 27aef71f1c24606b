package dev.sleigh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StallWatchTest {
  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final MutableClock clock = MutableClock.at("2025-01-01T10:00:00Z");
  private final StallWatch watch = new StallWatch(clock);

  @Test
  void aNewWatchHasHeardNothingYetButIsNotStalled() {
    assertThat(watch.silence(clock.instant())).isEqualTo(Duration.ZERO);
    assertThat(watch.stalled(clock.instant(), LIMIT)).isFalse();
  }

  @Test
  void silenceGrowsWithTheClockUntilTheLimitMakesItAStall() {
    clock.tick(Duration.ofMinutes(4));
    assertThat(watch.silence(clock.instant())).isEqualTo(Duration.ofMinutes(4));
    assertThat(watch.stalled(clock.instant(), LIMIT)).isFalse();

    clock.tick(Duration.ofMinutes(1));
    assertThat(watch.stalled(clock.instant(), LIMIT)).isTrue();
  }

  @Test
  void activityResetsTheSilenceAndMovesTheDeadline() {
    clock.tick(Duration.ofMinutes(4));
    watch.touch();
    clock.tick(Duration.ofMinutes(4));

    assertThat(watch.silence(clock.instant())).isEqualTo(Duration.ofMinutes(4));
    assertThat(watch.stalled(clock.instant(), LIMIT)).isFalse();
    assertThat(watch.deadline(LIMIT)).isEqualTo(Instant.parse("2025-01-01T10:09:00Z"));
  }

  @Test
  void silenceIsNeverNegativeWhenAskedAboutAnEarlierInstant() {
    clock.tick(Duration.ofMinutes(1));
    watch.touch();

    assertThat(watch.silence(Instant.parse("2025-01-01T10:00:00Z"))).isEqualTo(Duration.ZERO);
  }

  @Test
  void aLateTouchFromAnotherThreadNeverMovesTheLastActivityBackwards() {
    clock.tick(Duration.ofMinutes(2));
    watch.touch();
    clock.set(Instant.parse("2025-01-01T10:01:00Z"));
    watch.touch();

    assertThat(watch.lastActivity()).isEqualTo(Instant.parse("2025-01-01T10:02:00Z"));
  }
}
