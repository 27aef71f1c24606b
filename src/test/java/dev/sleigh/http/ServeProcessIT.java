package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh serve} as a real process: it prints its address and a fresh token, serves, takes
 * that token for approve, and stops cleanly on SIGTERM.
 */
class ServeProcessIT {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void servePrintsItsAddressAndTokenServesAndStopsOnSigterm() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.sleigh.Main",
                    "serve",
                    "--port",
                    "0",
                    "--json"))
            .directory(dir.toFile())
            .redirectError(dir.resolve("serve.err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      JsonNode serving =
          CompletableFuture.supplyAsync(() -> firstDocument(process)).get(60, TimeUnit.SECONDS);
      URI url = URI.create(serving.path("url").asText());
      String token = serving.path("token").asText();
      assertThat(url.getHost()).isEqualTo("127.0.0.1");
      assertThat(token).hasSize(64).matches("[0-9a-f]+");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> state =
          http.send(
              HttpRequest.newBuilder(url.resolve("/api/v1/state"))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(state.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(state.body()).has("in_flight")).isTrue();
      HttpResponse<String> approve =
          http.send(
              HttpRequest.newBuilder(url.resolve("/api/v1/commissions/wc-x/approve"))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(approve.statusCode())
          .as("the printed token is accepted; the commission does not exist")
          .isEqualTo(404);

      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
      assertThat(process.exitValue()).isZero();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Reads stdout up to the end of the first JSON document (its closing brace at column 0). */
  private static JsonNode firstDocument(Process process) {
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder text = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        text.append(line).append('\n');
        if (line.equals("}")) {
          return new ObjectMapper().readTree(text.toString());
        }
      }
      throw new AssertionError("serve ended before it printed its address: " + text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
