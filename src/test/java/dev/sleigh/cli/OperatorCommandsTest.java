package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Phase;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.store.Claimed;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorCommandsTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void createOneCommission() {
    cli = new CliHarness(dir);
    cli.decision("dec-auth");
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make it time out."));
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
  }

  @Test
  void approvingAQueuedCommissionIsForbidden() {
    var result = cli.run("approve", "wc-login", "--json");

    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.err()).startsWith("sleigh: lifecycle_forbidden: ");
    assertThat(result.error().path("code").asText()).isEqualTo("lifecycle_forbidden");
    assertThat(result.error().path("state").asText()).isEqualTo("queued");
    assertThat(result.error().path("allowed_states"))
        .extracting(s -> s.asText())
        .containsExactly("waiting_human");
  }

  @Test
  void approvingAWaitingCommissionLetsItRunOn() {
    waitForHuman();

    var result = cli.run("approve", "wc-login", "--reason", "looks right", "--json");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.json().path("applied").asBoolean()).isTrue();
    assertThat(result.json().path("commission").path("state").asText()).isEqualTo("running");
    assertThat(result.json().path("events").get(0).path("type").asText()).isEqualTo("approved");
  }

  @Test
  void rejectingAWaitingCommissionBlocksIt() {
    waitForHuman();

    var result = cli.run("reject", "wc-login", "--reason", "too risky");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("rejected wc-login", "blocked_policy");
  }

  @Test
  void rejectNeedsAReason() {
    waitForHuman();

    var result = cli.run("reject", "wc-login");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--reason");
  }

  @Test
  void approvingAnUnknownCommissionIsNotFound() {
    assertThat(cli.run("approve", "wc-none").exit()).isEqualTo(3);
    assertThat(cli.run("reject", "wc-none", "--reason", "r").exit()).isEqualTo(3);
  }

  /** Plays a runner that passes preflight and then waits for a human at execute. */
  private void waitForHuman() {
    try (var store = cli.store()) {
      Claimed claimed = store.claim(Claim.next("runner-a", Duration.ofSeconds(60))).orElseThrow();
      var lease = claimed.token();
      store
          .execute(new Command.PhaseStarted("wc-login", lease, "c1", Phase.PREFLIGHT, 1))
          .orThrow();
      store.execute(new Command.PhasePassed("wc-login", lease, "c2", Phase.PREFLIGHT, 1)).orThrow();
      var wait = new Command.WaitForHuman("wc-login", lease, "c3", Phase.EXECUTE, "one-way door");
      store.execute(wait).orThrow();
    }
  }
}
