package dev.sleigh.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.CommissionView;
import dev.sleigh.view.EventView;
import dev.sleigh.view.StatusReport;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/...}: the same view records the CLI prints with {@code --json}, built the same way
 * from the store, plus the two operator actions.
 */
final class ApiRoutes implements Route {
  static final String PREFIX = "/api/v1/";

  private final CommissionStore store;
  private final InstantSource clock;
  private final Duration leaseTtl;
  private final OperatorActions actions;

  ApiRoutes(
      CommissionStore store, InstantSource clock, Duration leaseTtl, OperatorActions actions) {
    this.store = store;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
    this.actions = actions;
  }

  @Override
  public Reply answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    List<String> parts =
        path.startsWith(PREFIX)
            ? List.of(path.substring(PREFIX.length()).split("/", -1))
            : List.of();
    String method = exchange.getRequestMethod();
    return switch (parts.size()) {
      case 1 ->
          switch (parts.getFirst()) {
            case "state" ->
                read(
                    method,
                    () ->
                        Reply.json(
                            200, new StatusReport(store, clock.instant(), leaseTtl).build()));
            case "commissions" -> read(method, () -> list(exchange.getRequestURI().getRawQuery()));
            default -> unknown(path);
          };
      case 2 ->
          parts.getFirst().equals("commissions")
              ? read(method, () -> show(parts.get(1)))
              : unknown(path);
      case 3 ->
          parts.getFirst().equals("commissions")
              ? commission(exchange, parts.get(1), parts.get(2))
              : unknown(path);
      default -> unknown(path);
    };
  }

  private Reply commission(HttpExchange exchange, String id, String what) throws IOException {
    String method = exchange.getRequestMethod();
    return switch (what) {
      case "events" -> read(method, () -> events(id));
      case "approve" -> method.equals("POST") ? actions.approve(exchange, id) : notAllowed("POST");
      case "reject" -> method.equals("POST") ? actions.reject(exchange, id) : notAllowed("POST");
      default -> unknown(exchange.getRequestURI().getPath());
    };
  }

  private Reply show(String id) {
    return find(id)
        .map(r -> Reply.json(200, CommissionView.of(r)))
        .orElseGet(() -> noCommission(id));
  }

  private Reply events(String id) {
    return find(id)
        .map(r -> Reply.json(200, new EventView.Listing(EventView.of(store.events(id, 0)))))
        .orElseGet(() -> noCommission(id));
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
    List<CommissionView> views = store.list(filter).stream().map(CommissionView::of).toList();
    return Reply.json(200, new CommissionView.Listing(views));
  }

  private Optional<CommissionRecord> find(String id) {
    return id.isEmpty() ? Optional.empty() : store.find(id);
  }

  /** The same refusal {@code commission show} prints for an unknown id. */
  static Reply noCommission(String id) {
    return Reply.error(ErrorCode.NOT_FOUND, "no commission '" + id + "'");
  }

  private static Reply read(String method, Supplier<Reply> reply) {
    return method.equals("GET") || method.equals("HEAD") ? reply.get() : notAllowed("GET, HEAD");
  }

  static Reply notAllowed(String allow) {
    return Reply.error(ErrorCode.INVALID, "method not allowed here; use " + allow)
        .withStatus(405)
        .with("Allow", allow);
  }

  private static Reply unknown(String path) {
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
