package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.testkit.MutableClock;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh status --json}, {@code GET /api/v1/state} and the status gauges of {@code /metrics}
 * are one status: over a store with every state, approvals pending, escalated, past expiry and
 * expired, retries and failures, judged by the same configured human gate, they agree field by
 * field.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusAgreesEverywhereTest {
  @TempDir Path dir;
  ServedStore served;
  JsonNode cli;

  @BeforeEach
  void seed() throws Exception {
    Files.writeString(dir.resolve("sleigh.md"), EveryStateStory.SLEIGH_MD);
    served =
        new ServedStore(
            dir,
            MutableClock.at("2026-03-01T10:00:00Z"),
            ServerSettings.loopback(ServedStore.TOKEN, EveryStateStory.SETTINGS),
            HttpClient.newBuilder());
    new EveryStateStory(served.store, served.testClock()).tell(served);
    cli = served.cliJson("status", "--json");
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void theStoreShowsEverythingStatusCanSay() {
    cli.path("counts")
        .properties()
        .forEach(e -> assertThat(e.getValue().asLong()).as(e.getKey()).isPositive());
    assertThat(cli.path("counts").size()).isEqualTo(CommissionState.values().length);
    for (String section :
        List.of(
            "in_flight", "retry_scheduled", "waiting_human", "recent_failures", "awaiting_claim")) {
      assertThat(cli.path(section).size()).as(section).isPositive();
    }
    assertThat(ids(cli, "waiting_human", w -> w.path("escalated").asBoolean()))
        .contains(EveryStateStory.ESCALATED, EveryStateStory.PAST_EXPIRY)
        .doesNotContain(EveryStateStory.PENDING);
    assertThat(ids(cli, "waiting_human", w -> w.path("expired").asBoolean()))
        .contains(EveryStateStory.PAST_EXPIRY)
        .doesNotContain(EveryStateStory.ESCALATED, EveryStateStory.PENDING);
    assertThat(ids(cli, "recent_failures", f -> true)).contains(EveryStateStory.EXPIRED_APPROVAL);
    assertThat(statuses(cli)).containsExactlyInAnyOrder("live", "stale", "stopped");
  }

  @Test
  void theCliTheApiAndTheMetricsShowOneStatus() {
    JsonNode http = served.getJson("/api/v1/state");
    assertThat(names(http)).containsExactlyElementsOf(names(cli));
    for (String field : names(cli)) {
      assertThat(http.path(field)).as(field).isEqualTo(cli.path(field));
    }
    PrometheusText metrics = PrometheusText.parse(served.get("/metrics").body());
    cli.path("counts")
        .properties()
        .forEach(
            e ->
                assertThat(metrics.value("sleigh_commissions", "state", e.getKey()))
                    .as("commissions " + e.getKey())
                    .isEqualTo(e.getValue().asDouble()));
    for (String status : List.of("live", "stale", "stopped")) {
      assertThat(metrics.value("sleigh_runners", "status", status))
          .as("runners " + status)
          .isEqualTo((double) Collections.frequency(statuses(cli), status));
    }
    Map<String, Integer> sizes =
        Map.of(
            "sleigh_in_flight", cli.path("in_flight").size(),
            "sleigh_retries_scheduled", cli.path("retry_scheduled").size(),
            "sleigh_awaiting_claim", cli.path("awaiting_claim").size(),
            "sleigh_approvals_waiting", cli.path("waiting_human").size(),
            "sleigh_approvals_escalated",
                ids(cli, "waiting_human", w -> w.path("escalated").asBoolean()).size(),
            "sleigh_approvals_expired",
                ids(cli, "waiting_human", w -> w.path("expired").asBoolean()).size(),
            "sleigh_projection_debts", count(cli, "projections", p -> p.path("debt").asBoolean()),
            "sleigh_projection_final_errors",
                count(cli, "projections", p -> p.path("status").asText().equals("final")));
    sizes.forEach(
        (name, size) -> {
          assertThat(metrics.contains(name)).as(name).isTrue();
          assertThat(metrics.value(name)).as(name).isEqualTo(size.doubleValue());
        });
  }

  private static int count(JsonNode status, String section, Predicate<JsonNode> which) {
    int n = 0;
    for (JsonNode item : status.path(section)) {
      n += which.test(item) ? 1 : 0;
    }
    return n;
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> ids(JsonNode status, String section, Predicate<JsonNode> which) {
    List<String> out = new ArrayList<>();
    status
        .path(section)
        .forEach(
            n -> {
              if (which.test(n)) {
                out.add(n.path("id").asText());
              }
            });
    return out;
  }

  private static List<String> statuses(JsonNode status) {
    List<String> out = new ArrayList<>();
    status.path("runners").forEach(r -> out.add(r.path("status").asText()));
    return out;
  }
}
