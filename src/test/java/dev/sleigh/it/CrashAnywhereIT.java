package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL at random moments: a workload of commissions, a runner killed after a random number of
 * its log lines (zero: while it starts), restarted, killed again, fifty times; then one runner
 * drains. Nothing is lost, no phase passes twice, the store verifies and no agent survives. The
 * kill moments come from a seed printed with every failure; {@code -Dsleigh.it.crash.seed=N}
 * replays a seed's choices (the timing of the machine still varies).
 */
class CrashAnywhereIT extends ProjectTest {
  private static final int COMMISSIONS = 10;
  private static final int KILLS = 50;

  /** Lines of a runner's log the test waits for before killing it, at most. */
  private static final int MAX_LINES = 8;

  /** How long a kill waits for the next line; a runner with nothing to say is killed anyway. */
  private static final Duration QUIET = Duration.ofMillis(1500);

  private static final List<String> PHASES = List.of("preflight", "frame", "execute", "measure");

  /** Changes the workspace, then works a little, with output so it never stalls. */
  private static final String AGENT =
      """
      echo "$SLEIGH_COMMISSION_ID attempt $SLEIGH_ATTEMPT" >> src/work.txt
      for i in $(seq 1 $((RANDOM % 4 + 2))); do echo "working $i"; sleep 0.3; done
      """;

  @Test
  @Timeout(value = 360, unit = TimeUnit.SECONDS)
  void runnersKilledAtFiftyRandomMomentsLoseNothingPassNoPhaseTwiceAndLeaveNoAgent()
      throws Exception {
    long seed = Long.getLong("sleigh.it.crash.seed", System.nanoTime());
    String replay = "seed " + seed + " (replay with -Dsleigh.it.crash.seed=" + seed + ")";
    System.out.println(getClass().getSimpleName() + ": " + replay);
    SplittableRandom random = new SplittableRandom(seed);
    // Every kill expires the leases in flight; the expiry budget is not what this test is about.
    project.configure(
        AGENT, Tuning.standard().stallTimeout("5s").concurrency(3).maxLeaseExpiries(10_000));
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= COMMISSIONS; i++) {
      ids.add("wc-%02d".formatted(i));
      project.commission(ids.getLast());
    }

    List<String> moments = new ArrayList<>();
    for (int k = 1; k <= KILLS; k++) {
      SleighProcess runner =
          project.runner("crash-" + k, "--concurrency", Integer.toString(2 + random.nextInt(2)));
      int wanted = random.nextInt(MAX_LINES + 1);
      String last = "<none>";
      int seen = 0;
      while (seen < wanted) {
        Optional<String> line = runner.nextLine(QUIET);
        if (line.isEmpty()) {
          break;
        }
        last = line.get();
        seen++;
      }
      runner.kill();
      moments.add("kill " + k + " after " + seen + "/" + wanted + " lines, last: " + last);
    }

    SleighProcess drain = project.runner("final-drain", "--drain");
    int exit = drain.awaitExit(Duration.ofSeconds(180));
    String context = replay + "\n" + String.join("\n", moments) + "\n" + drain.log();
    assertThat(exit).as(context).isZero();

    Map<String, Long> failures = new TreeMap<>();
    for (String id : ids) {
      List<JsonNode> events = project.events(id);
      String history = replay + "\n" + id + ":" + describe(events);
      assertThat(project.show(id).path("state").asText()).as(history).isEqualTo("completed");
      Map<String, Long> passes =
          ofType(events, "phase_passed")
              .collect(
                  Collectors.groupingBy(
                      e -> "g" + e.path("generation").asInt() + " " + e.path("phase").asText(),
                      TreeMap::new,
                      Collectors.counting()));
      assertThat(passes)
          .as("phase_passed per (generation, phase); " + history)
          .allSatisfy((phase, count) -> assertThat(count).as(phase).isEqualTo(1L));
      assertThat(passes.keySet())
          .as(history)
          .containsExactlyElementsOf(PHASES.stream().map(p -> "g1 " + p).sorted().toList());
      assertThat(Files.readString(project.workspace(id).resolve("src/work.txt")))
          .as("what the agents wrote for " + id + "; " + replay)
          .contains(id + " attempt ");
      ofType(events, "phase_failed")
          .forEach(
              e ->
                  failures.merge(
                      e.path("phase").asText() + ": " + e.path("data").path("reason").asText(),
                      1L,
                      Long::sum));
    }
    System.out.println(
        getClass().getSimpleName() + ": " + replay + "; phase failures along the way: " + failures);
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(replay + "\n" + verify).isTrue();
    project.assertNoAgentLeft(replay);
  }
}
