package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesLogTest {
  @TempDir Path dir;

  @Test
  void recordsAreOneJsonObjectPerLine() throws Exception {
    JsonLinesLog log = new JsonLinesLog(dir, 1 << 20, 3);
    log.record(Map.of("event", "claimed", "commission", "wc-a"));
    log.record(Map.of("event", "completed", "commission", "wc-a"));
    assertThat(Files.readAllLines(log.file()))
        .hasSize(2)
        .allMatch(l -> l.startsWith("{") && l.endsWith("}"));
  }

  @Test
  void aFullLogRotatesAndKeepsABoundedNumberOfOlderFiles() throws Exception {
    JsonLinesLog log = new JsonLinesLog(dir, 200, 2);
    for (int i = 0; i < 40; i++) {
      log.record(Map.of("event", "e" + i, "commission", "wc-a", "padding", "x".repeat(40)));
    }
    assertThat(Files.size(log.file())).isLessThanOrEqualTo(200);
    assertThat(log.rotated(1)).exists();
    assertThat(log.rotated(2)).exists();
    assertThat(log.rotated(3)).doesNotExist();
    assertThat(Files.readAllLines(log.file()).getLast()).contains("\"e39\"");
  }
}
