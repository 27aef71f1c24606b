package dev.sleigh.http;

import dev.sleigh.lifecycle.ErrorCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** What every API route answers the same way: methods it does not take, unknown paths, queries. */
final class Requests {
  private Requests() {}

  /** The reply of a read-only route: {@code GET} and {@code HEAD} only. */
  static Reply read(String method, Supplier<Reply> reply) {
    return method.equals("GET") || method.equals("HEAD") ? reply.get() : notAllowed("GET, HEAD");
  }

  static Reply notAllowed(String allow) {
    return Reply.error(ErrorCode.INVALID, "method not allowed here; use " + allow)
        .withStatus(405)
        .with("Allow", allow);
  }

  static Reply unknown(String path) {
    return Reply.error(ErrorCode.NOT_FOUND, "no such endpoint: " + path);
  }

  /** The decoded value of {@code name} in a raw query string; null when it is not there. */
  static String queryValue(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
