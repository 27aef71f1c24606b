package dev.sleigh.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.agent.TurnOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The errors as codex 0.169.0 reports them in {@code turn/completed} when the model API answers
 * with each status (recorded against a model server on loopback), and how Sleigh classifies them.
 */
class CodexErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode error(String message, String info) throws Exception {
    return JSON.readTree(
        "{\"message\":" + JSON.writeValueAsString(message) + ",\"codexErrorInfo\":" + info + "}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "401 | unexpected status 401 Unauthorized: bad key | {\"httpConnectionFailed\":{\"httpStatusCode\":401}}"
            + " | agent_auth_failed: codex: HTTP 401: | false",
        "403 | unexpected status 403 Forbidden: no | {\"httpConnectionFailed\":{\"httpStatusCode\":403}}"
            + " | agent_auth_failed: codex: HTTP 403: | false",
        "400 | {\"error\": {\"message\": \"bad model\", \"type\": \"invalid_request_error\"}} | \"other\""
            + " | agent_bad_request: codex: | false",
        "404 | unexpected status 404 Not Found | {\"httpConnectionFailed\":{\"httpStatusCode\":404}}"
            + " | agent_bad_request: codex: HTTP 404: | false",
        "429 | exceeded retry limit, last status: 429 Too Many Requests"
            + " | {\"responseTooManyFailedAttempts\":{\"httpStatusCode\":429}}"
            + " | agent_rate_limited: codex: HTTP 429: | true",
        "500 | high demand | \"internalServerError\" | agent_server_error: codex: | true",
        "503 | unexpected status 503 | {\"httpConnectionFailed\":{\"httpStatusCode\":503}}"
            + " | agent_server_error: codex: HTTP 503: | true",
        "connection | stream disconnected before completion: builder error | \"other\""
            + " | turn_failed: stream disconnected | true",
        "context | too long | \"contextWindowExceeded\" | turn_failed: too long | false"
      })
  void aFailedTurnIsClassifiedByTheStatusCodexForwards(
      String name, String message, String info, String reason, boolean retryable) throws Exception {
    TurnOutcome.Failed failed = CodexErrors.failed(error(message, info), null);

    assertThat(failed.reason()).startsWith(reason);
    assertThat(failed.retryable()).isEqualTo(retryable);
  }

  @Test
  void aFinalFailureSaysWhatToCheck() throws Exception {
    var auth =
        CodexErrors.failed(
            error("unexpected status 401", "{\"httpConnectionFailed\":{\"httpStatusCode\":401}}"),
            null);
    assertThat(auth.reason()).contains("OPENAI_API_KEY", "agent.env");
    var bad = CodexErrors.failed(error("{\"error\": {\"message\": \"x\"}}", "\"other\""), null);
    assertThat(bad.reason()).contains("agent.model");
  }

  @Test
  void theRefusalOfAnAppServerThatWouldNotStartIsItsLastErrorLine(@TempDir Path dir)
      throws Exception {
    Path log =
        Files.writeString(
            dir.resolve("execute-1.log"),
            """
            WARNING: proceeding, even though we could not create PATH aliases
            Error: Model provider `nope` not found
            """);

    assertThat(StartRefusal.in(log)).contains("Error: Model provider `nope` not found");
    assertThat(StartRefusal.in(Files.writeString(dir.resolve("other.log"), "crashed\n"))).isEmpty();
    assertThat(StartRefusal.in(dir.resolve("absent.log"))).isEmpty();
  }
}
