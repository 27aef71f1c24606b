package dev.sleigh.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.CommissionView;
import dev.sleigh.view.StatusReport;
import dev.sleigh.view.StatusSettings;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/...}: the same view records the CLI prints with {@code --json}, built the same way
 * from the store (status by {@link StatusReport#of}, with the settings {@code sleigh status}
 * takes), lists a page at a time, and each commission's routes in {@link CommissionRoutes}.
 */
final class ApiRoutes implements Route {
  static final String PREFIX = "/api/v1/";

  private final CommissionStore store;
  private final InstantSource clock;
  private final StatusSettings status;
  private final CommissionRoutes commissions;

  ApiRoutes(
      CommissionStore store,
      InstantSource clock,
      StatusSettings status,
      CommissionRoutes commissions) {
    this.store = store;
    this.clock = clock;
    this.status = status;
    this.commissions = commissions;
  }

  @Override
  public Reply answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    List<String> parts =
        path.startsWith(PREFIX)
            ? List.of(path.substring(PREFIX.length()).split("/", -1))
            : List.of();
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    return switch (parts.size()) {
      case 1 ->
          switch (parts.getFirst()) {
            case "state" ->
                read(method, () -> Reply.json(200, StatusReport.of(store, clock, status)));
            case "commissions" -> read(method, () -> list(query));
            default -> unknown(path);
          };
      case 2, 3 ->
          parts.getFirst().equals("commissions")
              ? commissions.answer(exchange, parts.get(1), parts.size() == 3 ? parts.get(2) : "")
              : unknown(path);
      default -> unknown(path);
    };
  }

  private Reply list(String rawQuery) {
    String state = queryValue(rawQuery, "state");
    Optional<CommissionState> filter = Optional.empty();
    if (state != null) {
      filter = CommissionState.fromWire(state);
      if (filter.isEmpty()) {
        String valid =
            Arrays.stream(CommissionState.values())
                .map(CommissionState::wire)
                .collect(Collectors.joining(", "));
        return Reply.error(
            ErrorCode.INVALID, "--state: unknown state '" + state + "'; valid states: " + valid);
      }
    }
    Paging page = Paging.COMMISSIONS.read(rawQuery);
    List<CommissionView> all = store.list(filter).stream().map(CommissionView::of).toList();
    return Reply.json(
        200,
        new CommissionView.Page(
            page.slice(all),
            all.size(),
            (int) page.start(),
            page.limit(),
            page.nextOffset(all.size())));
  }

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
