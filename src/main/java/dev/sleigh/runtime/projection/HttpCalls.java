package dev.sleigh.runtime.projection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The HTTP the targets share: a POST with a timeout, and what a status means. 2xx is taken; 401,
 * 403 and 404 are final (the token, its rights or the referenced issue are wrong, and trying again
 * will not change that); 408, 429 and 5xx are retried, after {@code Retry-After} when it is given;
 * other 4xx are final. A connection that fails is retried.
 */
final class HttpCalls {
  private final HttpClient client;
  private final Duration timeout;
  private final InstantSource clock;

  HttpCalls(HttpClient client, Duration timeout, InstantSource clock) {
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The answer to a POST, or the attempt it came to when there was none. */
  sealed interface Answer {
    record Body(String text) implements Answer {}

    record Failed(Attempt.Refused refused) implements Answer {}
  }

  Answer post(String target, URI uri, byte[] body, Map<String, String> headers)
      throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    HttpResponse<String> response;
    try {
      response = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Answer.Failed(
          new Attempt.Refused(target + ": cannot reach " + uri + ": " + e, false, null));
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return new Answer.Body(response.body());
    }
    String reason = target + ": HTTP " + status + " from " + uri + meaning(status);
    boolean retried = status == 408 || status == 429 || status >= 500;
    Duration after =
        retried
            ? response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null)
            : null;
    return new Answer.Failed(new Attempt.Refused(reason, !retried, after));
  }

  private static String meaning(int status) {
    return switch (status) {
      case 401 -> " (the token was refused: check the variable it is read from)";
      case 403 -> " (the token may not do this)";
      case 404 -> " (no such issue or repository, or the token cannot see it)";
      case 429 -> " (rate limited)";
      default -> "";
    };
  }

  /** Seconds or an HTTP date; nonsense counts as not given. */
  private Duration retryAfter(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
