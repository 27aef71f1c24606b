package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's last criterion over HTTP: a commission cancelled while its runner is alive and one
 * whose runner died holding the lease both show {@code cancelled} at once, and never as active; a
 * runner with an old heartbeat shows {@code stale}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CancelledAtOnceTest {
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

  static List<String> ids(JsonNode list) {
    return StreamSupport.stream(list.spliterator(), false).map(n -> n.path("id").asText()).toList();
  }

  static String runnerStatus(JsonNode state, String runner) {
    return StreamSupport.stream(state.path("runners").spliterator(), false)
        .filter(r -> r.path("runner_id").asText().equals(runner))
        .findFirst()
        .orElseThrow()
        .path("status")
        .asText();
  }

  @Test
  void bothCancelledCommissionsShowCancelledAndNotActiveOnTheNextRequest() {
    JsonNode before = served.getJson("/api/v1/state");
    assertThat(ids(before.path("in_flight")))
        .contains(StoreStory.CANCELLED_LIVE)
        .doesNotContain(StoreStory.CANCELLED_DEAD);
    assertThat(ids(before.path("awaiting_claim"))).contains(StoreStory.CANCELLED_DEAD);

    story.cancelBoth(served);

    JsonNode after = served.getJson("/api/v1/state");
    for (String id : List.of(StoreStory.CANCELLED_LIVE, StoreStory.CANCELLED_DEAD)) {
      assertThat(ids(after.path("in_flight"))).doesNotContain(id);
      assertThat(ids(after.path("awaiting_claim"))).doesNotContain(id);
      assertThat(served.getJson("/api/v1/commissions/" + id).path("state").asText())
          .isEqualTo("cancelled");
      assertThat(served.getJson("/api/v1/commissions/" + id).path("lease").isNull()).isTrue();
    }
    assertThat(after.path("counts").path("cancelled").asLong()).isEqualTo(2);
    assertThat(ids(served.getJson("/api/v1/commissions?state=cancelled").path("commissions")))
        .containsExactlyInAnyOrder(StoreStory.CANCELLED_LIVE, StoreStory.CANCELLED_DEAD);
  }

  @Test
  void aRunnerWithAnOldHeartbeatIsStaleAndItsWorkIsNotInFlight() {
    JsonNode state = served.getJson("/api/v1/state");
    assertThat(runnerStatus(state, StoreStory.DEAD_RUNNER)).isEqualTo("stale");
    assertThat(runnerStatus(state, StoreStory.LIVE_RUNNER)).isEqualTo("live");
    assertThat(ids(state.path("in_flight")))
        .containsExactlyInAnyOrder(StoreStory.CANCELLED_LIVE, "wc-flaky");
    assertThat(ids(state.path("waiting_human"))).containsExactly(StoreStory.WAITING);
    assertThat(ids(state.path("retry_scheduled"))).containsExactly("wc-retry");
  }
}
