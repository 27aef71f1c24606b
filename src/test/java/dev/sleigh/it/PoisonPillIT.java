package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A commission whose agent kills its runner every time still ends, on its lease-expiry budget. */
class PoisonPillIT extends ProjectTest {
  /** How {@code run --drain} exits when a commission it claimed ended failed. */
  private static final int DRAINED_WITH_A_FAILURE = 1;

  /**
   * SIGKILLs its parent, after checking that the parent is the runner's JVM (agents run under
   * {@code setsid}, which keeps the parent); anything else fails the turn instead.
   */
  private static final String AGENT =
      """
      parent=$(ps -o ppid= -p $$ | tr -d ' ')
      command=$(ps -o comm= -p "$parent")
      echo "$parent $command" >> "$SLEIGH_IT_DIR/poisoned"
      if [ "$command" != java ]; then echo "my parent $parent is $command, not the runner" >&2; exit 3; fi
      kill -9 "$parent"
      """;

  private static final int MAX_LEASE_EXPIRIES = 3;
  private static final int MAX_RUNNERS = 8;
  private static final int KILLED_BY_SIGKILL = 128 + 9;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aCommissionWhoseAgentKillsItsRunnerEveryTimeEndsFailedOnTheLeaseExpiryBudget()
      throws Exception {
    project.configure(AGENT, Tuning.standard().maxLeaseExpiries(MAX_LEASE_EXPIRIES));
    project.commission("wc-a");
    List<Long> poisoned = new ArrayList<>();
    StringBuilder logs = new StringBuilder();
    int exit = -1;
    // a runner that drains exits 1 when it claimed the commission that ended failed, 0 when its
    // sweep ended it: either is the drain this test awaits
    for (int i = 1; i <= MAX_RUNNERS && exit != 0 && exit != DRAINED_WITH_A_FAILURE; i++) {
      SleighProcess runner = project.runner("runner-" + i, "--drain");
      exit = runner.awaitExit(EXIT);
      logs.append(runner.log()).append('\n');
      if (exit == KILLED_BY_SIGKILL) {
        poisoned.add(runner.pid());
      } else {
        assertThat(exit)
            .as("runner %d ended neither drained nor killed\n%s", i, logs)
            .isIn(0, DRAINED_WITH_A_FAILURE);
      }
    }
    List<JsonNode> events = project.events("wc-a");
    String history = describe(events) + "\n" + logs;
    assertThat(exit).as("the last runner drained; " + history).isIn(0, DRAINED_WITH_A_FAILURE);

    JsonNode show = project.show("wc-a");
    assertThat(show.path("state").asText()).as(history).isEqualTo("failed");
    assertThat(show.path("reason").asText()).as(history).isEqualTo("lease_expiry_budget_exhausted");
    assertThat(ofType(events, "lease_expired")).as(history).hasSize(MAX_LEASE_EXPIRIES);
    assertThat(ofType(events, "phase_failed"))
        .as("a runner's death costs no phase attempt: " + history)
        .isEmpty();
    assertThat(poisoned).as(history).hasSize(MAX_LEASE_EXPIRIES);
    List<String> parents = Files.readAllLines(project.dir.resolve("poisoned"));
    assertThat(parents)
        .as("each agent's parent was the runner JVM it killed")
        .containsExactlyElementsOf(poisoned.stream().map(pid -> pid + " java").toList());
    assertThat(ofType(events, "phase_started", "execute").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(1, 2, 3);
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    project.assertNoAgentLeft("after the drain");
  }
}
