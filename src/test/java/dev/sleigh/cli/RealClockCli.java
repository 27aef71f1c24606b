package dev.sleigh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.testkit.InProcessSleigh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs {@code sleigh} in-process on the real clock, for commands that start agents and wait on them
 * (whose stall and turn limits are real durations).
 */
final class RealClockCli {
  private static final ObjectMapper JSON = new ObjectMapper();
  final Path cwd;
  private final SplittableRandom random = new SplittableRandom(11);

  RealClockCli(Path cwd) {
    this.cwd = cwd;
  }

  record Result(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  /**
   * {@code run --drain}, checked: exit 1 exactly when a commission it touched ended {@code failed},
   * else 0.
   */
  Result drain() {
    Result run = run("run", "--drain");
    boolean anyFailed = false;
    for (var c : run("commission", "list", "--json").json().path("commissions")) {
      anyFailed |= c.path("state").asText().equals("failed");
    }
    org.assertj.core.api.Assertions.assertThat(run.exit())
        .as("run --drain's exit, with a commission failed: %s\n%s", anyFailed, run.err())
        .isEqualTo(anyFailed ? ExitCodes.FAILURE : ExitCodes.OK);
    return run;
  }

  Result run(String... args) {
    var o = InProcessSleigh.run(args, cwd, InstantSource.system(), random, Map.of());
    return new Result(o.exit(), o.out(), o.err());
  }

  Path write(String name, String text) {
    try {
      Path file = cwd.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
