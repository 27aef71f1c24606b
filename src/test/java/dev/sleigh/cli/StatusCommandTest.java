package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Runners;
import dev.sleigh.testkit.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} tells only what the store proves: nothing settled or unheld is ever active. */
class StatusCommandTest {
  static final Duration TTL = Duration.ofSeconds(60);

  @TempDir Path dir;
  CliHarness cli;
  CommissionStore store;

  @BeforeEach
  void open() {
    cli = new CliHarness(dir);
    store = cli.store();
  }

  @AfterEach
  void close() {
    store.close();
  }

  LeaseToken claimedBy(String runner, String id) {
    store.intake(Fixtures.commission(id), "c").orThrow();
    var claimed =
        store
            .claim(new Claim(runner, TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, id))
            .orElseThrow();
    store.execute(new Command.PhaseStarted(id, claimed.token(), "s", Phase.PREFLIGHT, 1)).orThrow();
    return claimed.token();
  }

  void register(String runner) {
    store.runners().register(new Runners.RunnerInfo(runner, "host", 42, null, null, null));
  }

  JsonNode status() {
    var r = cli.run("status", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.json();
  }

  static List<String> ids(JsonNode list) {
    return StreamSupport.stream(list.spliterator(), false).map(n -> n.path("id").asText()).toList();
  }

  @Test
  void statusHasEveryPromisedSection() {
    List<String> keys = new ArrayList<>();
    status().fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .contains(
            "runners",
            "counts",
            "in_flight",
            "retry_scheduled",
            "waiting_human",
            "recent_failures",
            "projections");
  }

  @Test
  void aCommissionCancelledWhileItsRunnerIsAliveIsCancelledNotActiveAtOnce() {
    register("runner-a");
    claimedBy("runner-a", "wc-a");
    claimedBy("runner-a", "wc-b");
    assertThat(ids(status().path("in_flight"))).containsExactlyInAnyOrder("wc-a", "wc-b");

    assertThat(cli.run("commission", "cancel", "wc-a", "--reason", "stop").exit()).isZero();
    JsonNode after = status();
    assertThat(ids(after.path("in_flight"))).containsExactly("wc-b");
    assertThat(after.path("counts").path("cancelled").asLong()).isEqualTo(1);
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void aCommissionWhoseRunnerDiedHoldingTheLeaseIsNotActiveAndShowsCancelledOnceCancelled() {
    register("runner-dead");
    claimedBy("runner-dead", "wc-c");
    cli.clock.tick(TTL.multipliedBy(2).plusSeconds(1));
    JsonNode stale = status();
    assertThat(stale.path("runners").get(0).path("status").asText()).isEqualTo("stale");
    assertThat(ids(stale.path("in_flight"))).isEmpty();
    assertThat(ids(stale.path("awaiting_claim"))).containsExactly("wc-c");

    assertThat(cli.run("commission", "cancel", "wc-c", "--reason", "runner gone").exit()).isZero();
    JsonNode after = status();
    assertThat(ids(after.path("in_flight"))).isEmpty();
    assertThat(ids(after.path("awaiting_claim"))).isEmpty();
    assertThat(after.path("counts").path("cancelled").asLong()).isEqualTo(1);
  }

  @Test
  void aLiveLeaseOfAStaleRunnerIsNotActive() {
    register("runner-quiet");
    LeaseToken lease = claimedBy("runner-quiet", "wc-d");
    for (int i = 0; i < 5; i++) {
      cli.clock.tick(TTL.dividedBy(2));
      store.execute(new Command.Heartbeat("wc-d", lease, null, TTL)).orThrow();
    }
    assertThat(ids(status().path("in_flight"))).isEmpty();
  }

  @Test
  void retriesApprovalsAndFailuresAreListed() {
    register("runner-a");
    LeaseToken retry = claimedBy("runner-a", "wc-r");
    store
        .execute(
            new Command.PhaseFailed(
                "wc-r",
                retry,
                "f",
                new Command.PhaseFailure(Phase.PREFLIGHT, 1, "stalled", true, RetryPolicy.DEFAULT)))
        .orThrow();
    LeaseToken wait = claimedBy("runner-a", "wc-w");
    store
        .execute(new Command.WaitForHuman("wc-w", wait, "w", Phase.PREFLIGHT, "one_way_door"))
        .orThrow();
    LeaseToken fail = claimedBy("runner-a", "wc-f");
    store
        .execute(new Command.Fail("wc-f", fail, "x", "scope_violation: README.md", Map.of()))
        .orThrow();
    cli.clock.tick(Duration.ofSeconds(2));
    JsonNode s = status();
    assertThat(ids(s.path("retry_scheduled"))).containsExactly("wc-r");
    assertThat(ids(s.path("waiting_human"))).containsExactly("wc-w");
    assertThat(s.path("waiting_human").get(0).path("age_seconds").asLong()).isEqualTo(2);
    // a failed attempt that will be retried is a failure too, with its reason and retry time
    assertThat(ids(s.path("recent_failures"))).containsExactly("wc-f", "wc-r");
    assertThat(s.path("recent_failures").get(0).path("reason").asText())
        .startsWith("scope_violation");
    assertThat(s.path("recent_failures").get(0).path("retry_at").isNull()).isTrue();
    assertThat(s.path("recent_failures").get(1).path("reason").asText()).contains("stalled");
    assertThat(s.path("recent_failures").get(1).path("retry_at").asText())
        .isEqualTo(s.path("retry_scheduled").get(0).path("retry_at").asText());
    assertThat(ids(s.path("in_flight"))).isEmpty();
  }
}
