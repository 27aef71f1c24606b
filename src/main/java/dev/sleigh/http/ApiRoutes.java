package dev.sleigh.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.CommissionView;
import dev.sleigh.view.StatusReport;
import dev.sleigh.view.StatusSettings;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
                Requests.read(method, () -> Reply.json(200, StatusReport.of(store, clock, status)));
            case "commissions" -> Requests.read(method, () -> list(query));
            default -> Requests.unknown(path);
          };
      case 2, 3 ->
          parts.getFirst().equals("commissions")
              ? commissions.answer(exchange, parts.get(1), parts.size() == 3 ? parts.get(2) : "")
              : Requests.unknown(path);
      default -> Requests.unknown(path);
    };
  }

  private Reply list(String rawQuery) {
    String state = Requests.queryValue(rawQuery, "state");
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
}
