package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.cli.delivery.ServedFiles;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.workspace.Workspaces;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The detail a served dashboard shows reads a commission's change and logs on this host. */
class ServedFilesTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCompletedCommissionShowsItsChangedFilesAndTheTailsOfItsLogs() {
    var demo = new RealClockCli(dir).run("demo");
    assertThat(demo.exit()).as(demo.err()).isZero();
    Path home = dir.resolve("sleigh-demo/.sleigh");

    try (CommissionStore store =
        Stores.open(Stores.defaultUrl(home), InstantSource.system(), new SplittableRandom(1))) {
      CommissionRecord record = store.find("wc-demo-version").orElseThrow();
      var files =
          new ServedFiles(store, new Workspaces(home.resolve("workspaces")), home.resolve("logs"));

      assertThat(files.changes(record))
          .hasValueSatisfying(c -> assertThat(c.toString()).contains("src/app.txt"));
      assertThat(files.logTails(record)).isNotEmpty();
    }
  }
}
