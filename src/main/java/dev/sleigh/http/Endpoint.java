package dev.sleigh.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sleigh.store.ErrorCode;
import dev.sleigh.store.StoreError;
import dev.sleigh.store.StoreException;
import dev.sleigh.view.ErrorView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Route} and writes its reply with the headers every answer gets. On a loopback
 * server it also refuses requests addressed to any other host name, so that a web page elsewhere
 * cannot reach the API through a name it re-points at 127.0.0.1.
 */
final class Endpoint implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final Route route;
  private final boolean loopbackOnly;

  Endpoint(Route route, boolean loopbackOnly) {
    this.route = route;
    this.loopbackOnly = loopbackOnly;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      send(exchange, answer(exchange));
    }
  }

  private Reply answer(HttpExchange exchange) {
    if (loopbackOnly && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
      return Reply.json(
          421,
          ErrorView.of(
              StoreError.of(
                  ErrorCode.INVALID,
                  "this server answers only requests addressed to 127.0.0.1 or localhost")));
    }
    try {
      return route.answer(exchange);
    } catch (StoreException e) {
      return Reply.error(e.error());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "{} {} failed; the client gets a 500 and the server goes on",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(),
          e);
      return Reply.json(
          500,
          new ErrorView.Document(
              new ErrorView("internal", String.valueOf(e), false, null, List.of())));
    }
  }

  static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf(']')) {
      name = name.substring(0, colon);
    }
    return LOOPBACK_NAMES.contains(name);
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    reply.headers().forEach(headers::set);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(
        reply.status(), head ? -1 : reply.body().length == 0 ? -1 : reply.body().length);
    if (!head && reply.body().length > 0) {
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(reply.body());
      }
    }
  }
}
