package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.cli.common.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BenchCheckpointsCommandTest {
  private static final List<String> STEPS =
      List.of(
          "checkpoint per turn",
          "take: snapshot, commit, pack",
          "store the turn with its pack",
          "(the snapshot alone)",
          "restore on another host",
          "read checkpoint and pack",
          "workspace at the base",
          "load pack, write tree");

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void timesEveryStepOfEveryScenarioAndLeavesNothingBehind() throws Exception {
    CliHarness cli = new CliHarness(dir);
    Path scratch = dir.resolve("scratch");

    CliHarness.Result r =
        cli.run(
            "bench",
            "checkpoints",
            "--small-files",
            "3",
            "--files",
            "12",
            "--changed",
            "5",
            "--runs",
            "2",
            "--dir",
            scratch.toString(),
            "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode view = r.json();
    assertThat(view.path("store").asText()).isEqualTo("sqlite");
    assertThat(view.path("runs").asInt()).isEqualTo(2);
    assertThat(view.path("scenarios").findValuesAsText("scenario"))
        .containsExactly("1 of 3 files changed", "1 of 12 files changed", "5 of 12 files changed");
    for (JsonNode s : view.path("scenarios")) {
      assertThat(s.path("steps").findValuesAsText("step")).as(s.toString()).isEqualTo(STEPS);
      for (JsonNode step : s.path("steps")) {
        double median = step.path("median_ms").asDouble();
        assertThat(median).as(step.toString()).isPositive();
        assertThat(step.path("p95_ms").asDouble())
            .as(step.toString())
            .isGreaterThanOrEqualTo(median);
        assertThat(step.path("max_ms").asDouble())
            .as(step.toString())
            .isGreaterThanOrEqualTo(step.path("p95_ms").asDouble());
      }
      assertThat(s.path("pack_bytes_median").asLong()).as(s.toString()).isPositive();
    }
    JsonNode small = view.path("scenarios").get(0);
    JsonNode wide = view.path("scenarios").get(2);
    assertThat(wide.path("pack_bytes_median").asLong())
        .as("five changed files pack to more than one")
        .isGreaterThan(small.path("pack_bytes_median").asLong());
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).as("the scratch directory is removed").isEmpty();
    }
    assertThat(dir.resolve(".sleigh"))
        .as("the working directory's store is not touched")
        .doesNotExist();

    CliHarness.Result text =
        cli.run(
            "bench",
            "checkpoints",
            "--small-files",
            "2",
            "--files",
            "4",
            "--changed",
            "2",
            "--runs",
            "1",
            "--dir",
            scratch.toString());
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("checkpoints, 1 timed runs per scenario")
        .contains("2 of 4 files changed: pack median ")
        .containsPattern("\\n  checkpoint per turn +[0-9.]+ +[0-9.]+ +[0-9.]+\\n")
        .containsPattern("\\n    load pack, write tree +[0-9.]+ +[0-9.]+ +[0-9.]+\\n");
  }

  @Test
  void refusesAWideChangeOfMoreFilesThanTheRepositoryHas() {
    CliHarness.Result r =
        new CliHarness(dir)
            .run("bench", "checkpoints", "--files", "3", "--changed", "4", "--dir", dir.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.of(dev.sleigh.lifecycle.ErrorCode.INVALID));
    assertThat(r.err()).contains("--changed cannot be more than --files");
  }
}
