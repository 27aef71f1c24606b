package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list endpoints a page at a time: following {@code next_offset} or {@code next_after} from the
 * first page reads exactly what the CLI lists, and a bad paging value is refused naming it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiPagesTest {
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
  void commissionPagesFollowedToTheEndAreTheCliListing() {
    List<JsonNode> read = new ArrayList<>();
    String next = "/api/v1/commissions?limit=3";
    int pages = 0;
    while (next != null) {
      JsonNode page = served.getJson(next);
      assertThat(page.path("commissions").size()).isLessThanOrEqualTo(3);
      assertThat(page.path("total").asInt()).isEqualTo(ApiParityTest.IDS.size());
      page.path("commissions").forEach(read::add);
      pages++;
      next =
          page.path("next_offset").isNull()
              ? null
              : "/api/v1/commissions?limit=3&offset=" + page.path("next_offset").asInt();
    }
    assertThat(pages).isEqualTo(3);
    List<JsonNode> cli = new ArrayList<>();
    served.cliJson("commission", "list", "--json").path("commissions").forEach(cli::add);
    assertThat(read).isEqualTo(cli);
  }

  @Test
  void anOffsetPastTheEndIsAnEmptyLastPage() {
    JsonNode page = served.getJson("/api/v1/commissions?offset=50&limit=1000");
    assertThat(page.path("commissions").size()).isZero();
    assertThat(page.path("next_offset").isNull()).isTrue();
    assertThat(page.path("limit").asInt()).isEqualTo(1000);
  }

  @Test
  void eventPagesFollowedToTheEndAreTheCliEventLog() {
    String id = "wc-login";
    List<JsonNode> read = new ArrayList<>();
    long after = 0;
    while (true) {
      JsonNode page =
          served.getJson("/api/v1/commissions/" + id + "/events?limit=4&after=" + after);
      assertThat(page.path("events").size()).isLessThanOrEqualTo(4);
      page.path("events").forEach(read::add);
      if (page.path("next_after").isNull()) {
        break;
      }
      after = page.path("next_after").asLong();
    }
    List<JsonNode> cli = new ArrayList<>();
    served.cliJson("commission", "events", id, "--json").path("events").forEach(cli::add);
    assertThat(read).hasSizeGreaterThan(4).isEqualTo(cli);
  }

  @Test
  void aBadPagingValueIs400NamingTheParameter() {
    for (String query :
        List.of(
            "/api/v1/commissions?limit=0",
            "/api/v1/commissions?limit=1001",
            "/api/v1/commissions?limit=ten",
            "/api/v1/commissions?offset=-1",
            "/api/v1/commissions?offset=",
            "/api/v1/commissions/wc-login/events?after=x",
            "/api/v1/commissions/wc-login/events?limit=5000")) {
      HttpResponse<String> response = served.get(query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      JsonNode error = ServedStore.parse(response.body(), query).path("error");
      assertThat(error.path("code").asText()).as(query).isEqualTo("invalid");
      String parameter = query.substring(query.indexOf('?') + 1, query.indexOf('='));
      assertThat(error.path("message").asText()).as(query).startsWith(parameter + ": ");
    }
  }
}
