package dev.sleigh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.testkit.CommandLoop;
import dev.sleigh.testkit.MutableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL in the middle of its commands leaves a store that verifies. */
class KilledWriterTest {
  @TempDir Path home;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aWriterKilledMidCommandLeavesAStoreThatOpensAndVerifies() throws Exception {
    String url = Stores.defaultUrl(home);
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 4; round++) {
      Process child = start(url, "wc-r" + round + "-");
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("ready");
        int iterations = 3 + random.nextInt(20);
        for (int i = 0; i < iterations; i++) {
          assertThat(out.readLine()).as("child output").startsWith("done");
        }
        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        child.destroyForcibly();
      }
      try (CommissionStore store =
          Stores.open(url, MutableClock.at("2026-11-24T10:00:00Z"), new SplittableRandom(1))) {
        assertThat(store.verify()).as("round %d", round).isEmpty();
        assertThat(store.list(Optional.of(CommissionState.COMPLETED))).isNotEmpty();
      }
      assertThat(cliVerify()).as("sleigh verify after round %d", round).isZero();
    }
  }

  /** {@code sleigh --home HOME verify}, in-process, as an operator would run it. */
  private int cliVerify() {
    var sink = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    return dev.sleigh.Main.run(
        new String[] {"--home", home.toString(), "verify"},
        new dev.sleigh.cli.common.CliEnvironment(
            sink,
            sink,
            MutableClock.at("2026-11-24T10:00:00Z"),
            new SplittableRandom(3),
            java.util.Map.of(),
            home));
  }

  private static Process start(String url, String prefix) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CommandLoop.class.getName(),
                url,
                prefix))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
