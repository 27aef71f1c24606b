package dev.sleigh.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One part of the server's URL space: answers a request without touching the response. */
@FunctionalInterface
interface Route {
  Reply answer(HttpExchange exchange) throws IOException;

  /** Whether {@code path} is answered without a token even where every request needs one. */
  default boolean openWithoutToken(String path) {
    return false;
  }
}
