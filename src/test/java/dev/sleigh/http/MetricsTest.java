package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} is valid Prometheus text whose numbers are the store's, scrape after scrape. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {
  @TempDir Path dir;
  ServedStore served;
  StoreStory story;

  @BeforeEach
  void seed() throws Exception {
    served = new ServedStore(dir);
    story = new StoreStory(served.store, served.testClock()).seed();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  PrometheusText scrape() {
    HttpResponse<String> response = served.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    return PrometheusText.parse(response.body());
  }

  @Test
  void everyLineIsACommentOrANameWithLabelsAndAValue() {
    PrometheusText text = scrape();
    assertThat(text.samples()).isNotEmpty();
    assertThat(text.contains("sleigh_commissions")).isTrue();
    assertThat(text.contains("sleigh_phase_attempts_total")).isTrue();
    assertThat(text.contains("sleigh_phase_duration_seconds_bucket")).isTrue();
    assertThat(text.contains("sleigh_claim_latency_seconds_count")).isTrue();
  }

  @Test
  void gaugesAndEventCountersEqualWhatTheStoreHolds() {
    assertMatchesStore(scrape());
  }

  @Test
  void laterEventsAreCountedOnceAcrossScrapes() {
    scrape();
    scrape();
    story.cancelBoth(served);
    served.post("/api/v1/commissions/" + StoreStory.WAITING + "/approve", ServedStore.TOKEN, "");
    served.store.sweep(RetryPolicy.DEFAULT);
    assertMatchesStore(scrape());
    assertMatchesStore(scrape());
  }

  private void assertMatchesStore(PrometheusText text) {
    Map<CommissionState, Long> counts = served.store.countByState();
    for (CommissionState s : CommissionState.values()) {
      assertThat(text.value("sleigh_commissions", "state", s.wire()))
          .as(s.wire())
          .isEqualTo(counts.getOrDefault(s, 0L).doubleValue());
    }
    StoreTally tally = StoreTally.of(served.store);
    for (Phase p : Phase.values()) {
      String phase = p.wire();
      assertThat(text.value("sleigh_phase_attempts_total", "phase", phase))
          .as(phase)
          .isEqualTo(tally.started(p));
      assertThat(text.value("sleigh_phase_retries_total", "phase", phase))
          .as(phase)
          .isEqualTo(tally.retries.getOrDefault(phase, 0L).doubleValue());
      assertThat(text.value("sleigh_phase_stalls_total", "phase", phase))
          .as(phase)
          .isEqualTo(tally.stalls.getOrDefault(phase, 0L).doubleValue());
      for (String outcome : new String[] {"passed", "failed"}) {
        assertThat(
                text.value(
                    "sleigh_phase_duration_seconds_count", "phase", phase, "outcome", outcome))
            .as(phase + " " + outcome)
            .isEqualTo(tally.closed(p, outcome));
        assertThat(
                text.value("sleigh_phase_duration_seconds_sum", "phase", phase, "outcome", outcome))
            .as(phase + " " + outcome)
            .isCloseTo(tally.closedSeconds(p, outcome), within(1e-6));
      }
    }
    assertThat(text.value("sleigh_lease_expiries_total")).isEqualTo(tally.leaseExpiries);
    assertThat(text.value("sleigh_agent_tokens_total")).isEqualTo(tally.tokens);
    assertThat(text.value("sleigh_claim_latency_seconds_count")).isEqualTo(tally.claimed);
    assertThat(text.value("sleigh_claim_latency_seconds_sum"))
        .isCloseTo(tally.claimSeconds, within(1e-6));
  }

  @Test
  void theStoryHasSomethingToCountInEveryFamily() {
    StoreTally tally = StoreTally.of(served.store);
    assertThat(tally.leaseExpiries).isEqualTo(1);
    assertThat(tally.stalls).containsEntry("execute", 1L);
    assertThat(tally.retries).containsEntry("execute", 2L);
    assertThat(tally.tokens).isEqualTo(27_350);
    assertThat(tally.claimed).isEqualTo(7);
  }
}
