package dev.sleigh.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sleigh.lifecycle.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /}: the dashboard page, its script and its style, read once from the classpath. The
 * page loads nothing from elsewhere and runs no inline script, which its content policy enforces.
 * These three are served without a token even where every request needs one: they are the same in
 * every jar and hold no data, and the page must load before it can ask for the token it then sends
 * with every request it makes.
 */
final class DashboardAssets implements Route {
  private static final String POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self';"
          + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  private static final Map<String, String> FILES =
      Map.of(
          "/", "dashboard.html",
          "/dashboard.js", "dashboard.js",
          "/dashboard.css", "dashboard.css");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  private final Map<String, Reply> replies;

  DashboardAssets() {
    Map<String, Reply> loaded = new HashMap<>();
    FILES.forEach((path, file) -> loaded.put(path, load(file)));
    this.replies = Map.copyOf(loaded);
  }

  @Override
  public Reply answer(HttpExchange exchange) {
    Reply reply = replies.get(exchange.getRequestURI().getPath());
    if (reply == null) {
      return Reply.error(
          ErrorCode.NOT_FOUND, "no such page: " + exchange.getRequestURI().getPath());
    }
    String method = exchange.getRequestMethod();
    return method.equals("GET") || method.equals("HEAD") ? reply : Requests.notAllowed("GET, HEAD");
  }

  @Override
  public boolean openWithoutToken(String path) {
    return FILES.containsKey(path);
  }

  private static Reply load(String file) {
    try (InputStream in = DashboardAssets.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(
            "the dashboard resource " + file + " is missing from the jar");
      }
      String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
      return new Reply(200, type, in.readAllBytes(), Map.of())
          .with("Content-Security-Policy", POLICY)
          .with("X-Frame-Options", "DENY");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard resource " + file, e);
    }
  }
}
