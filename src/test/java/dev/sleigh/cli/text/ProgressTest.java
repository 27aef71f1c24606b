package dev.sleigh.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.runtime.RuntimeLog;
import dev.sleigh.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
  static Map<String, Object> record(
      String event, String id, String phase, int attempt, Map<String, Object> data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", event);
    m.put("commission", id);
    m.put("phase", phase);
    m.put("attempt", attempt);
    m.put("data", data);
    return m;
  }

  @Test
  void aTerminalShowsOneUpdatingLinePerCommissionInFlightAndASummary() {
    var bytes = new ByteArrayOutputStream();
    MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    RuntimeLog progress =
        Progress.terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);
    progress.record(record("claimed", "wc-a", null, 0, Map.of()));
    progress.record(record("phase_started", "wc-b", "preflight", 1, Map.of()));
    clock.tick(Duration.ofSeconds(7));
    progress.record(
        record("turn_ended", "wc-a", "execute", 2, Map.of("turn", 3, "tokens_total", 1200)));
    String screen = bytes.toString(StandardCharsets.UTF_8);
    String last = screen.substring(screen.lastIndexOf("\033[2A") + 4);
    assertThat(last)
        .contains("wc-a")
        .contains("execute#2")
        .contains("turn 3")
        .contains("7s")
        .contains("1200 tokens")
        .contains("wc-b")
        .contains("preflight#1")
        .contains("in flight 2, finished 0");

    progress.record(record("completed", "wc-a", null, 0, Map.of()));
    String end = bytes.toString(StandardCharsets.UTF_8);
    assertThat(end.substring(end.lastIndexOf("\033[3A")))
        .contains("in flight 1, finished 1")
        .doesNotContain("wc-a ");
  }

  @Test
  void jsonLinesAreOneObjectPerRecord() {
    var bytes = new ByteArrayOutputStream();
    RuntimeLog json = Progress.jsonLines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    json.record(record("claimed", "wc-a", null, 0, Map.of()));
    json.record(record("completed", "wc-a", null, 0, Map.of()));
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .allMatch(l -> l.startsWith("{\"event\""));
  }
}
