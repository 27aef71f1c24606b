package dev.sleigh.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.cli.CliHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
  @TempDir Path dir;

  @Test
  void eachRecordPrintsItsTimeAndLevelAndOlderRecordsWithoutThemStillPrint() {
    CliHarness cli = new CliHarness(dir);
    cli.write(
        ".sleigh/logs/runtime.jsonl",
        """
        {"at":"2026-01-01T09:00:00Z","event":"claimed","commission":"wc-a","phase":null,"attempt":0,"data":{}}
        {"ts":"2026-01-01T10:00:00Z","level":"warn","at":"2026-01-01T09:59:59Z","event":"phase_failed","commission":"wc-a","phase":"execute","attempt":1,"data":{"reason":"no_change"}}
        """);

    var text = cli.run("logs", "wc-a");
    var json = cli.run("logs", "wc-a", "--json");

    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out().lines())
        .containsExactly(
            "2026-01-01T09:00:00Z wc-a claimed",
            "2026-01-01T10:00:00Z warn  wc-a execute#1 phase_failed {\"reason\":\"no_change\"}");
    assertThat(json.json().path("records").get(1).path("level").asText()).isEqualTo("warn");
  }
}
