package dev.sleigh.http;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.view.ErrorView;
import dev.sleigh.view.ViewJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** What a route answers: a status, a content type, a body and any extra headers. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json; charset=utf-8";

  Reply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A view as the CLI prints it with {@code --json}. */
  static Reply json(int status, Object view) {
    return new Reply(
        status, JSON, (ViewJson.write(view) + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Reply text(int status, String contentType, String text) {
    return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A refusal as {@code {"error": {...}}}, with the HTTP status its code stands for. */
  static Reply error(StoreError error) {
    return json(status(error.code()), ErrorView.of(error));
  }

  static Reply error(ErrorCode code, String message) {
    return error(StoreError.of(code, message));
  }

  Reply withStatus(int newStatus) {
    return new Reply(newStatus, contentType, body, headers);
  }

  Reply with(String header, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(header, value);
    return new Reply(status, contentType, body, more);
  }

  static int status(ErrorCode code) {
    return switch (code) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case INTAKE_CONFLICT, LIFECYCLE_FORBIDDEN, LEASE_FENCED, CANCELLED -> 409;
      case SCHEMA_TOO_NEW, STORE_CORRUPT, STORE_MISSING, STORE_BUSY, STORE_UNAVAILABLE, TIMEOUT ->
          503;
    };
  }
}
