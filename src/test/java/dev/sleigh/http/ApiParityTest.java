package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint serves the very document the CLI prints with {@code --json}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiParityTest {
  static final List<String> IDS =
      List.of(
          "wc-login",
          "wc-flaky",
          StoreStory.WAITING,
          StoreStory.CANCELLED_LIVE,
          StoreStory.CANCELLED_DEAD,
          "wc-scope",
          "wc-retry",
          "wc-queued");

  @TempDir Path dir;
  ServedStore served;

  @BeforeEach
  void seed() throws Exception {
    served = new ServedStore(dir);
    new StoreStory(served.store, served.testClock()).seed().cancelBoth(served);
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void stateIsStatusJson() {
    JsonNode http = served.getJson("/api/v1/state");
    assertThat(http).isEqualTo(served.cliJson("status", "--json"));
    assertThat(http.path("counts").size()).isEqualTo(12);
  }

  @Test
  void commissionsAreCommissionListJsonAlsoFilteredByState() {
    JsonNode all = served.getJson("/api/v1/commissions");
    assertThat(withoutPaging(all)).isEqualTo(served.cliJson("commission", "list", "--json"));
    assertThat(all.path("total").asInt()).isEqualTo(IDS.size());
    assertThat(all.path("offset").asInt()).isZero();
    assertThat(all.path("limit").asInt()).isEqualTo(100);
    assertThat(all.path("next_offset").isNull()).isTrue();
    JsonNode cancelled = served.getJson("/api/v1/commissions?state=cancelled");
    assertThat(withoutPaging(cancelled))
        .isEqualTo(served.cliJson("commission", "list", "--state", "cancelled", "--json"));
    assertThat(cancelled.path("commissions").size()).isEqualTo(2);
  }

  @Test
  void eachEventLogIsCommissionEventsJson() {
    for (String id : IDS) {
      JsonNode http = served.getJson("/api/v1/commissions/" + id + "/events");
      assertThat(withoutPaging(http))
          .as(id)
          .isEqualTo(served.cliJson("commission", "events", id, "--json"));
      assertThat(http.path("events").size()).as(id).isPositive();
      assertThat(http.path("next_after").isNull()).as(id).isTrue();
    }
  }

  /** The page's own fields taken away: what is left is the CLI's listing. */
  static JsonNode withoutPaging(JsonNode page) {
    ObjectNode copy = page.deepCopy();
    copy.remove(List.of("total", "offset", "limit", "next_offset", "after", "next_after"));
    return copy;
  }

  @Test
  void anUnknownCommissionIs404WithTheCliErrorDocument() {
    ServedStore.CliResult cli = served.cli("commission", "show", "wc-nope", "--json");
    assertThat(cli.exit()).isEqualTo(3);
    for (String path :
        List.of("/api/v1/commissions/wc-nope", "/api/v1/commissions/wc-nope/events")) {
      HttpResponse<String> response = served.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(ServedStore.parse(response.body(), path)).as(path).isEqualTo(cli.json());
    }
  }

  @Test
  void anUnknownStateIs400WithTheCliMessage() {
    ServedStore.CliResult cli = served.cli("commission", "list", "--state", "sleeping", "--json");
    HttpResponse<String> response = served.get("/api/v1/commissions?state=sleeping");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ServedStore.parse(response.body(), "")).isEqualTo(cli.json());
  }

  @Test
  void unknownPathsAndWrongMethodsAreRefusedWithAnErrorDocument() {
    HttpResponse<String> missing = served.get("/api/v1/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(ServedStore.parse(missing.body(), "").path("error").path("code").asText())
        .isEqualTo("not_found");
    HttpResponse<String> wrong = served.post("/api/v1/state", ServedStore.TOKEN, "");
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("Allow")).contains("GET, HEAD");
    HttpResponse<String> getApprove =
        served.get("/api/v1/commissions/" + StoreStory.WAITING + "/approve");
    assertThat(getApprove.statusCode()).isEqualTo(405);
  }

  @Test
  void theDashboardAndItsAssetsAreServedWithAStrictContentPolicy() {
    HttpResponse<String> page = served.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(p -> assertThat(p).contains("script-src 'self'"));
    assertThat(page.body())
        .contains("/dashboard.js")
        .contains("id=\"timeline\"")
        .contains("id=\"token\"");
    assertThat(served.get("/dashboard.js").body()).contains("/api/v1/state");
    assertThat(served.get("/dashboard.css").statusCode()).isEqualTo(200);
    assertThat(served.get("/elsewhere.html").statusCode()).isEqualTo(404);
  }
}
