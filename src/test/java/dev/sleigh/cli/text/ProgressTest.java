package dev.sleigh.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.runtime.RuntimeLog;
import dev.sleigh.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live lines of {@code sleigh run} on a terminal 60 columns wide, written to a fake terminal on
 * a clock moved by hand.
 */
class ProgressTest {
  static final int WIDTH = 60;
  static final String ERASE_3 = "\r\033[3A\033[J";

  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
  final Progress.Live live =
      Progress.terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, WIDTH);
  int read;

  static Map<String, Object> record(
      String event, String id, String run, String phase, int attempt, Map<String, Object> data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", event);
    m.put("commission", id);
    m.put("phase", phase);
    m.put("attempt", attempt);
    m.put("run_id", run);
    m.put("data", data);
    return m;
  }

  /** What was written since the last call. */
  String written() {
    String all = bytes.toString(StandardCharsets.UTF_8);
    String out = all.substring(read);
    read = all.length();
    return out;
  }

  void twoInFlight() {
    live.record(record("claimed", "wc-a", "r-a", "preflight", 1, Map.of()));
    live.record(record("claimed", "wc-b", "r-b", null, 0, Map.of()));
    live.record(record("phase_started", "wc-a", "r-a", "execute", 2, Map.of()));
    live.record(
        record("turn_ended", "wc-a", "r-a", "execute", 2, Map.of("turn", 3, "tokens_total", 1200)));
  }

  @Test
  void eachLineIsClippedToOneColumnLessThanTheWidth() {
    Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
    List<String> lines =
        LiveBlock.lines(
            List.of(
                new LiveBlock.Row("wc-a", "execute", 2, 3, 1200, t0),
                new LiveBlock.Row("wc-b", null, 0, null, null, t0.plusSeconds(74))),
            4,
            t0.plusSeconds(75),
            WIDTH);

    assertThat(lines)
        .containsExactly(
            "  wc-a                 execute#2  turn 3  1m15s  1200 token",
            "  wc-b                 claimed  turn -  1s  0 tokens",
            "in flight 2, finished 4");
    assertThat(LiveBlock.width("60")).isEqualTo(60);
    assertThat(LiveBlock.width(null)).isEqualTo(80);
    assertThat(LiveBlock.width("wide")).isEqualTo(80);
  }

  @Test
  void theBlockIsRedrawnEverySecondWithoutARecord() {
    twoInFlight();
    written();

    clock.tick(Duration.ofSeconds(1));
    live.refresh();

    assertThat(written())
        .isEqualTo(
            ERASE_3
                + "  wc-a                 execute#2  turn 3  1s  1200 tokens\n"
                + "  wc-b                 claimed  turn -  1s  0 tokens\n"
                + "in flight 2, finished 0\n");

    clock.tick(Duration.ofSeconds(14));
    live.refresh();
    assertThat(written()).contains("execute#2  turn 3  15s  1200 tokens\n");
  }

  @Test
  void aRunThatEndsAnyWayLosesItsLine() {
    twoInFlight();
    live.record(record("phase_started", "wc-c", "r-c", "measure", 1, Map.of()));
    live.record(record("phase_started", "wc-d", "r-d", "execute", 1, Map.of()));
    written();

    // cancelled from another shell: the run only says that it ended
    live.record(
        record("run_ended", "wc-b", "r-b", null, 0, Map.of("lost", "cancelled: not needed")));
    // a failed attempt that will be retried, then the end of its run
    live.record(record("phase_failed", "wc-c", "r-c", "measure", 1, Map.of("retryable", true)));
    live.record(record("run_ended", "wc-c", "r-c", null, 0, Map.of()));
    // released at shutdown
    live.record(record("released", "wc-d", "r-d", null, 0, Map.of("reason", "shutdown")));
    live.record(record("turn_ended", "wc-d", "r-d", "execute", 1, Map.of("turn", 2)));
    live.record(record("run_ended", "wc-d", "r-d", null, 0, Map.of()));

    String last = written();
    assertThat(last.substring(last.lastIndexOf("\033[J") + 3))
        .isEqualTo(
            "  wc-a                 execute#2  turn 3  0s  1200 tokens\n"
                + "in flight 1, finished 3\n");
  }

  @Test
  void aRunOfTheSameCommissionClaimedAgainKeepsItsLineWhenTheOldRunEnds() {
    live.record(record("claimed", "wc-a", "r-1", "execute", 1, Map.of()));
    live.record(record("claimed", "wc-a", "r-2", "execute", 2, Map.of()));
    live.record(record("run_ended", "wc-a", "r-1", null, 0, Map.of("lost", "lease_fenced")));

    String last = written();
    assertThat(last.substring(last.lastIndexOf("\033[J") + 3))
        .isEqualTo(
            "  wc-a                 execute#2  turn -  0s  0 tokens\n"
                + "in flight 1, finished 1\n");
  }

  @Test
  void aLogLinePrintsAboveTheBlockWhichIsDrawnAgainWhole() {
    twoInFlight();
    written();

    live.log("10:00:00.000 WARN  Runner - a warning");

    assertThat(written())
        .isEqualTo(
            ERASE_3
                + "10:00:00.000 WARN  Runner - a warning\n"
                + "  wc-a                 execute#2  turn 3  0s  1200 tokens\n"
                + "  wc-b                 claimed  turn -  0s  0 tokens\n"
                + "in flight 2, finished 0\n");
  }

  @Test
  void atSixtyColumnsTheScreenShowsOneBlockAndEveryLogLineAboveIt() {
    FakeTerminal screen = new FakeTerminal(WIDTH);
    String warning = "10:00:05.000 WARN  Runner - " + "x".repeat(100);
    live.record(
        record("claimed", "wc-a-long-commission-identifier", "r-a", "execute", 1, Map.of()));
    live.record(record("claimed", "wc-b", "r-b", "measure", 1, Map.of()));
    for (int s = 1; s <= 20; s++) {
      clock.tick(Duration.ofSeconds(1));
      live.refresh();
      if (s == 5) {
        live.log(warning);
      }
      if (s == 8) {
        live.record(
            record("turn_ended", "wc-b", "r-b", "measure", 1, Map.of("tokens_total", 987654)));
      }
    }
    live.record(record("run_ended", "wc-b", "r-b", null, 0, Map.of("lost", "cancelled")));
    screen.write(written());

    assertThat(screen.screen())
        .containsExactly(
            warning.substring(0, WIDTH),
            warning.substring(WIDTH, 2 * WIDTH),
            warning.substring(2 * WIDTH),
            "  wc-a-long-commission-identifier execute#1  turn -  20s  0",
            "in flight 1, finished 1");

    live.close();
    screen.write(written());
    assertThat(screen.screen()).hasSize(3).noneMatch(r -> r.contains("in flight"));
  }

  @Test
  void jsonLinesAreOneObjectPerRecord() {
    var out = new ByteArrayOutputStream();
    RuntimeLog json = Progress.jsonLines(new PrintStream(out, true, StandardCharsets.UTF_8));
    json.record(record("claimed", "wc-a", "r", null, 0, Map.of()));
    json.record(record("completed", "wc-a", "r", null, 0, Map.of()));
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .allMatch(l -> l.startsWith("{\"event\""));
  }
}
