package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a real {@code sleigh run} (a command agent that stalls once, real git, the real clock),
 * {@code /metrics} parses and its counters equal what the store recorded.
 */
class MetricsAfterARunTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void countersMatchTheStoreAfterARunWithAStallAndARetry() throws Exception {
    GitRepos.create(dir.resolve("repo"));
    Path agent =
        Files.writeString(
            dir.resolve("agent.sh"),
            """
        #!/bin/bash
        if [ "$SLEIGH_COMMISSION_ID" = "wc-a" ] && [ "$SLEIGH_ATTEMPT" = "1" ]; then echo going quiet; exec sleep 600; fi
        echo "$SLEIGH_COMMISSION_ID" > "src/$SLEIGH_COMMISSION_ID.txt"
        """);
    agent.toFile().setExecutable(true);
    Files.writeString(
        dir.resolve("sleigh.md"),
        """
        ---
        engine: {poll_interval: 100ms, concurrency: 2, lease_ttl: 2s, cancel_grace: 1s}
        retry: {max_attempts_per_phase: 3, max_attempts_total: 8, backoff_base: 100ms, backoff_max: 1s}
        agent: {kind: command, command: ["%s"], stall_timeout: 1s, turn_timeout: 30s}
        ---
        """
            .formatted(agent));
    for (String id : new String[] {"wc-a", "wc-b"}) {
      Files.writeString(
          dir.resolve(id + ".yaml"),
          """
          id: %s
          title: Do %s
          decision: {id: dec-a}
          repo: {path: repo, base_ref: main}
          scope: {allowed_paths: ["src/**"]}
          body: do the work
          """
              .formatted(id, id));
    }
    try (ServedStore served = new ServedStore(dir, InstantSource.system())) {
      served.cliJson("decision", "add", "--id", "dec-a", "--title", "A", "--json");
      served.cliJson("commission", "create", "-f", "wc-a.yaml", "--json");
      served.cliJson("commission", "create", "-f", "wc-b.yaml", "--json");
      ServedStore.CliResult run = served.cli("run", "--drain");
      assertThat(run.exit()).as(run.err()).isZero();

      PrometheusText text = PrometheusText.parse(served.get("/metrics").body());
      assertThat(text.value("sleigh_commissions", "state", CommissionState.COMPLETED.wire()))
          .isEqualTo(2);
      StoreTally tally = StoreTally.of(served.store);
      assertThat(tally.stalls).containsEntry("execute", 1L);
      for (Phase p : Phase.values()) {
        assertThat(text.value("sleigh_phase_attempts_total", "phase", p.wire()))
            .as(p.wire())
            .isEqualTo(tally.started(p));
        assertThat(text.value("sleigh_phase_stalls_total", "phase", p.wire()))
            .as(p.wire())
            .isEqualTo(tally.stalls.getOrDefault(p.wire(), 0L).doubleValue());
        assertThat(text.value("sleigh_phase_retries_total", "phase", p.wire()))
            .as(p.wire())
            .isEqualTo(tally.retries.getOrDefault(p.wire(), 0L).doubleValue());
        assertThat(
                text.value(
                    "sleigh_phase_duration_seconds_sum", "phase", p.wire(), "outcome", "passed"))
            .isCloseTo(tally.closedSeconds(p, "passed"), within(1e-6));
      }
      assertThat(
              text.value(
                  "sleigh_phase_duration_seconds_count", "phase", "execute", "outcome", "passed"))
          .isEqualTo(2);
      assertThat(text.value("sleigh_claim_latency_seconds_count")).isEqualTo(2);
      assertThat(text.value("sleigh_agent_tokens_total")).isEqualTo(tally.tokens);
      assertThat(text.value("sleigh_lease_expiries_total")).isEqualTo(tally.leaseExpiries);
    }
  }
}
