package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.testkit.Fixtures;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A commission whose {@code valid_until} passes while it runs finishes its phase, then expires. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ValidUntilTest extends StoreAndRepoTest {

  @Test
  void anExecutePastValidUntilFinishesThenNoFurtherPhaseStartsAndTheCommissionExpires()
      throws Exception {
    Path gate = dir.resolve("gate");
    Process mkfifo = new ProcessBuilder("mkfifo", gate.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
    // execute waits on the fifo: the test's open of it for writing is the moment execute runs
    Path agent = dir.resolve("agent.sh");
    Files.writeString(
        agent,
        """
        #!/bin/bash
        echo work > src/out.txt
        if [ "$SLEIGH_PHASE" = execute ]; then read -r _ < %s; fi
        """
            .formatted(gate));
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Instant until = clock.instant().plus(Duration.ofMinutes(30));
    store
        .intake(Fixtures.validUntil(Fixtures.onRepo("wc-v", revision, repo), until), "c")
        .orThrow();

    try (Runner runner =
        TestRunners.commandRunner(
            store,
            clock,
            dir.resolve("home"),
            List.of(agent.toString()),
            Duration.ofSeconds(3),
            Duration.ofMinutes(10))) {
      runner.tick();
      try (FileOutputStream execute = new FileOutputStream(gate.toFile())) {
        clock.tick(Duration.ofHours(1));
        execute.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (runner.inFlight() > 0) {
        assertThat(System.nanoTime()).as("the run did not end").isLessThan(deadline);
        runner.awaitChange(Duration.ofMillis(200));
      }
      runner.tick();
    }

    List<Event> events = store.events("wc-v", 0);
    assertThat(events)
        .filteredOn(e -> e.type() == EventType.PHASE_PASSED)
        .extracting(Event::phase)
        .contains(Phase.EXECUTE);
    assertThat(events)
        .filteredOn(e -> e.type() == EventType.PHASE_STARTED)
        .extracting(Event::phase)
        .doesNotContain(Phase.MEASURE);
    assertThat(store.find("wc-v").orElseThrow().state()).isEqualTo(CommissionState.EXPIRED);
  }
}
