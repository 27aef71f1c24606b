package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GcCommandTest {
  /** wc-bad writes outside its scope and fails; every other commission completes. */
  static final String WORK =
      """
      if [ "$SLEIGH_COMMISSION_ID" = "wc-bad" ]; then echo x > README.md; else echo ok > src/ok.txt; fi""";

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void gcRemovesOnlyTerminalWorkspaces() throws Exception {
    DeliveryProject p =
        new DeliveryProject(dir, WORK).commission("wc-done", "").commission("wc-bad", "");
    p.drain();
    assertThat(p.state("wc-done")).isEqualTo("completed");
    assertThat(p.state("wc-bad")).isEqualTo("failed");

    var dryRun = p.cli.run("gc", "--dry-run");
    assertThat(dryRun.out()).contains("would remove wc-done");
    assertThat(p.workspace("wc-done")).exists();

    JsonNode gc = p.cli.run("gc", "--json").json();

    assertThat(gc.path("removed"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("commission_id").asText()).isEqualTo("wc-done"));
    assertThat(gc.path("kept"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("commission_id").asText()).isEqualTo("wc-bad");
              assertThat(e.path("why").asText()).contains("failed");
            });
    assertThat(p.workspace("wc-done")).doesNotExist();
    assertThat(p.workspace("wc-bad")).exists();
    assertThat(p.git(p.repo, "worktree", "list")).doesNotContain("wc-done").contains("wc-bad");

    assertThat(p.cli.run("commission", "cancel", "wc-bad", "--reason", "abandoned").exit())
        .isZero();
    var second = p.cli.run("gc");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("removed wc-bad (cancelled)");
    assertThat(p.workspace("wc-bad")).doesNotExist();
  }
}
