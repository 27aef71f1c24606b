package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theDemoCompletesItsCommissionsOfflineAndIsSafeToRunAgain() throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    var first = cli.run("demo", "--json");
    assertThat(first.exit()).as(first.err()).isZero();
    JsonNode view = first.json();
    assertThat(view.path("commissions")).hasSize(3);
    for (JsonNode c : view.path("commissions")) {
      assertThat(c.path("state").asText()).as(c.toString()).isEqualTo("completed");
      assertThat(c.path("changed_files")).isNotEmpty();
    }
    assertThat(view.path("verify_problems").asInt()).isZero();
    Path workspace = dir.resolve("sleigh-demo/.sleigh/workspaces/wc-demo-version");
    assertThat(Files.readString(workspace.resolve("src/app.txt"))).contains("version=2");

    var again = cli.run("demo", "--json");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.json().path("commissions"))
        .allMatch(c -> c.path("state").asText().equals("completed"));
  }
}
