package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.testkit.MutableClock;
import dev.sleigh.view.CommissionDetailView.LogTailView;
import dev.sleigh.view.ResultView.ChangesView;
import dev.sleigh.view.ResultView.FileView;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/commissions/ID/detail}, the dashboard's drawer: the commission, its spec, its
 * phases with attempts and their reasons, its change with the diff stat and the tails of its logs;
 * and {@code cancel} and {@code requeue}, which like approve and reject need the token.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommissionDetailTest {
  static final ChangesView CHANGE =
      new ChangesView(
          "/tmp/ws/wc-login",
          "abc123",
          2,
          7,
          1,
          List.of(new FileView("src/a.txt", "M", 5, 1), new FileView("src/b.txt", "A", 2, 0)),
          null);

  @TempDir Path dir;
  ServedStore served;

  /** The logs of a runner's log directory, and one change for wc-login. */
  record StoryFiles(LogDirectory logs) implements CommissionFiles {
    @Override
    public Optional<ChangesView> changes(CommissionRecord commission) {
      return commission.id().equals("wc-login") ? Optional.of(CHANGE) : Optional.empty();
    }

    @Override
    public List<LogTailView> logTails(CommissionRecord commission) {
      return logs.logTails(commission);
    }
  }

  @BeforeEach
  void seed() throws Exception {
    Path logs = dir.resolve("logs");
    Files.createDirectories(logs.resolve("wc-login"));
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      log.append("line ").append(i).append('\n');
    }
    Files.writeString(logs.resolve("wc-login/execute-1.log"), log);
    Files.writeString(logs.resolve("wc-login/notes.log"), "free-form\n");
    served =
        new ServedStore(
            dir,
            MutableClock.at("2026-03-01T10:00:00Z"),
            ServerSettings.loopback(ServedStore.TOKEN, ServedStore.LEASE_TTL),
            HttpClient.newBuilder(),
            new StoryFiles(new LogDirectory(logs)));
    new StoreStory(served.store, served.testClock()).seed();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void theDetailHasTheSpecTheAttemptsWithReasonsTheDiffStatAndTheLogTails() {
    JsonNode detail = served.getJson("/api/v1/commissions/wc-login/detail");
    assertThat(detail.path("commission"))
        .isEqualTo(served.cliJson("commission", "show", "wc-login", "--json"));
    assertThat(detail.path("spec").path("title").asText()).isEqualTo("Fix the login timeout");
    assertThat(detail.path("spec").path("body").asText()).isEqualTo("body of wc-login");
    JsonNode result = served.cliJson("result", "wc-login", "--json");
    for (String field : List.of("phases", "evidence", "approvals", "agent_approvals", "runs")) {
      assertThat(detail.path("result").path(field)).as(field).isEqualTo(result.path(field));
    }
    JsonNode execute = detail.path("result").path("phases").get(2);
    assertThat(execute.path("phase").asText()).isEqualTo("execute");
    assertThat(execute.path("attempts").get(0).path("reason").asText()).isEqualTo("stalled");
    JsonNode changes = detail.path("result").path("changes");
    assertThat(changes.path("files_changed").asInt()).isEqualTo(2);
    assertThat(changes.path("insertions").asLong()).isEqualTo(7);
    JsonNode tails = detail.path("log_tails");
    assertThat(tails).hasSize(2);
    JsonNode execLog =
        tails.get(0).path("name").asText().equals("execute-1.log") ? tails.get(0) : tails.get(1);
    assertThat(execLog.path("phase").asText()).isEqualTo("execute");
    assertThat(execLog.path("attempt").asInt()).isEqualTo(1);
    assertThat(execLog.path("tail").asText()).endsWith("line 1999\n").doesNotContain("line 1\n");
    assertThat(execLog.path("tail").asText().length()).isLessThanOrEqualTo(LogDirectory.TAIL_BYTES);
  }

  @Test
  void aCommissionWithoutLogsOrChangeHasNone() {
    JsonNode detail = served.getJson("/api/v1/commissions/wc-queued/detail");
    assertThat(detail.path("log_tails")).isEmpty();
    assertThat(detail.path("result").path("changes").isNull()).isTrue();
    assertThat(served.get("/api/v1/commissions/wc-nope/detail").statusCode()).isEqualTo(404);
  }

  @Test
  void cancelAndRequeueNeedTheTokenAndAReasonAndThenActAsTheCliVerbs() {
    String cancel = "/api/v1/commissions/wc-queued/cancel";
    assertThat(served.post(cancel, null, "{\"reason\": \"no\"}").statusCode()).isEqualTo(401);
    HttpResponse<String> noReason = served.post(cancel, ServedStore.TOKEN, "");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("cancel needs a reason");
    assertThat(served.getJson("/api/v1/commissions/wc-queued").path("state").asText())
        .isEqualTo("queued");
    HttpResponse<String> cancelled =
        served.post(cancel, ServedStore.TOKEN, "{\"reason\": \"not needed\"}");
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(ServedStore.parse(cancelled.body(), "").path("commission").path("state").asText())
        .isEqualTo("cancelled");

    String requeue = "/api/v1/commissions/wc-scope/requeue";
    assertThat(served.post(requeue, "wrong", "{\"reason\": \"again\"}").statusCode())
        .isEqualTo(401);
    HttpResponse<String> requeued =
        served.post(requeue, ServedStore.TOKEN, "{\"reason\": \"scope widened\"}");
    assertThat(requeued.statusCode()).as(requeued.body()).isEqualTo(200);
    JsonNode shown = served.cliJson("commission", "show", "wc-scope", "--json");
    assertThat(shown.path("state").asText()).isEqualTo("queued");
    assertThat(shown.path("generation").asInt()).isEqualTo(2);
    HttpResponse<String> completed =
        served.post(
            "/api/v1/commissions/wc-login/requeue", ServedStore.TOKEN, "{\"reason\": \"x\"}");
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(409);
    assertThat(served.get(requeue).statusCode()).isEqualTo(405);
  }
}
