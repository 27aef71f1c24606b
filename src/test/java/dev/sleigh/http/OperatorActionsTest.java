package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Approve and reject over HTTP: only with the token, and then exactly as the CLI verbs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorActionsTest {
  static final String APPROVE = "/api/v1/commissions/" + StoreStory.WAITING + "/approve";
  static final String REJECT = "/api/v1/commissions/" + StoreStory.WAITING + "/reject";

  @TempDir Path dir;
  ServedStore served;

  @BeforeEach
  void seed() throws Exception {
    served = new ServedStore(dir);
    new StoreStory(served.store, served.testClock()).seed();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  JsonNode waiting() {
    return served.cliJson("commission", "show", StoreStory.WAITING, "--json");
  }

  int eventCount() {
    return served
        .cliJson("commission", "events", StoreStory.WAITING, "--json")
        .path("events")
        .size();
  }

  @Test
  void approveWithoutTheTokenIs401AndChangesNothing() {
    JsonNode before = waiting();
    int events = eventCount();
    for (String token : new String[] {null, "wrong-token", ServedStore.TOKEN + "x", ""}) {
      HttpResponse<String> response = served.post(APPROVE, token, "{\"reason\": \"looks fine\"}");
      assertThat(response.statusCode()).as("token " + token).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(ServedStore.parse(response.body(), "").path("error").path("code").asText())
          .isEqualTo("unauthorized");
    }
    assertThat(served.post(REJECT, null, "{\"reason\": \"no\"}").statusCode()).isEqualTo(401);
    assertThat(waiting()).isEqualTo(before);
    assertThat(eventCount()).isEqualTo(events);
    assertThat(waiting().path("state").asText()).isEqualTo("waiting_human");
  }

  @Test
  void approveWithTheTokenAndTheSnapshotSeenMovesTheCommissionOn() {
    String snapshot = waiting().path("snapshot_hash").asText();
    HttpResponse<String> response =
        served.post(
            APPROVE,
            ServedStore.TOKEN,
            "{\"reason\": \"reviewed\", \"snapshot_hash\": \"" + snapshot + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode view = ServedStore.parse(response.body(), "");
    assertThat(view.path("applied").asBoolean()).isTrue();
    assertThat(view.path("commission")).isEqualTo(waiting());
    assertThat(waiting().path("state").asText()).isEqualTo("running");
    assertThat(view.path("events").get(0).path("type").asText()).isEqualTo("approved");
    assertThat(view.path("events").get(0).path("command_id").asText()).startsWith("op-");
  }

  @Test
  void anApprovalOfAnotherSnapshotIsRefusedAndChangesNothing() {
    HttpResponse<String> response =
        served.post(APPROVE, ServedStore.TOKEN, "{\"snapshot_hash\": \"" + "0".repeat(64) + "\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(waiting().path("state").asText()).isEqualTo("waiting_human");
  }

  @Test
  void aRefusedCommandIs409WithTheErrorDocument() {
    HttpResponse<String> response =
        served.post("/api/v1/commissions/wc-queued/approve", ServedStore.TOKEN, "");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    JsonNode error = ServedStore.parse(response.body(), "").path("error");
    assertThat(error.path("code").asText()).isEqualTo("lifecycle_forbidden");
    assertThat(error.path("state").asText()).isEqualTo("queued");
    assertThat(
            served.post("/api/v1/commissions/wc-nope/approve", ServedStore.TOKEN, "").statusCode())
        .isEqualTo(404);
  }

  @Test
  void rejectNeedsAReasonAndThenBlocksTheCommission() {
    assertThat(served.post(REJECT, ServedStore.TOKEN, "").statusCode()).isEqualTo(400);
    assertThat(served.post(REJECT, ServedStore.TOKEN, "{\"reason\": \"  \"}").statusCode())
        .isEqualTo(400);
    assertThat(served.post(REJECT, ServedStore.TOKEN, "{\"reason\": 7}").statusCode())
        .isEqualTo(400);
    assertThat(served.post(REJECT, ServedStore.TOKEN, "not json").statusCode()).isEqualTo(400);
    assertThat(waiting().path("state").asText()).isEqualTo("waiting_human");

    HttpResponse<String> response =
        served.post(REJECT, ServedStore.TOKEN, "{\"reason\": \"too risky\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(waiting().path("state").asText()).isEqualTo("blocked_policy");
    assertThat(waiting().path("reason").asText()).isEqualTo("too risky");
  }
}
