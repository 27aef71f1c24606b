package dev.sleigh.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
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
 * Runs a {@link Route} and writes its reply with the headers every answer gets, after checking
 * {@link Access}. On a loopback server it refuses requests addressed to any other host name, so
 * that a web page elsewhere cannot reach the API through a name it re-points at 127.0.0.1; on a
 * server open to remote clients it refuses every request without the token (401) before the route
 * sees it.
 */
final class Endpoint implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final Route route;
  private final Access access;

  Endpoint(Route route, Access access) {
    this.route = route;
    this.access = access;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      send(exchange, answer(exchange));
    }
  }

  private Reply answer(HttpExchange exchange) {
    Reply refusal = refusal(exchange);
    if (refusal != null) {
      return refusal;
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

  /** Why {@link #access} refuses this request, or null when the route may answer it. */
  private Reply refusal(HttpExchange exchange) {
    return switch (access) {
      case Access.Loopback loopback ->
          loopbackHost(exchange.getRequestHeaders().getFirst("Host"))
              ? null
              : Reply.json(
                  421,
                  ErrorView.of(
                      StoreError.of(
                          ErrorCode.INVALID,
                          "this server answers only requests addressed to 127.0.0.1 or localhost")));
      case Access.TokenForEverything everything ->
          route.openWithoutToken(exchange.getRequestURI().getPath())
                  || everything
                      .token()
                      .accepts(exchange.getRequestHeaders().getFirst("Authorization"))
              ? null
              : unauthorized(
                  "this server is open to remote clients, so every request needs its token, as"
                      + " 'Authorization: Bearer <token>'");
    };
  }

  /** A 401 that tells the client which scheme to use. */
  static Reply unauthorized(String message) {
    return Reply.json(
            401,
            new ErrorView.Document(new ErrorView("unauthorized", message, false, null, List.of())))
        .with("WWW-Authenticate", "Bearer realm=\"sleigh\"");
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
