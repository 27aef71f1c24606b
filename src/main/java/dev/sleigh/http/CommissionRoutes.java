package dev.sleigh.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.CommissionDetailView;
import dev.sleigh.view.CommissionView;
import dev.sleigh.view.EventView;
import dev.sleigh.view.ResultFacts;
import dev.sleigh.view.ResultView;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/commissions/ID[/...]}: where one commission stands, its events a page at a time,
 * its detail for the dashboard's drawer, and the operator actions on it.
 */
final class CommissionRoutes {
  private final CommissionStore store;
  private final OperatorActions actions;
  private final CommissionFiles files;

  /** The retry budget a failure is judged against, as status judges it. */
  private final RetryPolicy retry;

  CommissionRoutes(
      CommissionStore store, OperatorActions actions, CommissionFiles files, RetryPolicy retry) {
    this.store = store;
    this.actions = actions;
    this.files = files;
    this.retry = retry;
  }

  /** {@code what} is the part after the id, empty for the commission itself. */
  Reply answer(HttpExchange exchange, String id, String what) throws IOException {
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    return switch (what) {
      case "" -> Requests.read(method, () -> show(id));
      case "events" -> Requests.read(method, () -> events(id, Paging.EVENTS.read(query)));
      case "detail" -> Requests.read(method, () -> detail(id));
      case "approve", "reject", "cancel", "requeue" ->
          method.equals("POST")
              ? actions.act(OperatorActions.Action.named(what), exchange, id)
              : Requests.notAllowed("POST");
      default -> Requests.unknown(exchange.getRequestURI().getPath());
    };
  }

  private Reply show(String id) {
    return find(id)
        .map(r -> Reply.json(200, CommissionView.of(r)))
        .orElseGet(() -> noCommission(id));
  }

  private Reply events(String id, Paging page) {
    if (find(id).isEmpty()) {
      return noCommission(id);
    }
    List<Event> after = store.events(id, page.start());
    List<EventView> shown = EventView.of(after.subList(0, Math.min(page.limit(), after.size())));
    Long next = after.size() > page.limit() ? shown.getLast().seq() : null;
    return Reply.json(200, new EventView.Page(shown, page.start(), page.limit(), next));
  }

  private Reply detail(String id) {
    return find(id).map(r -> Reply.json(200, detailOf(r))).orElseGet(() -> noCommission(id));
  }

  private CommissionDetailView detailOf(CommissionRecord r) {
    ResultFacts facts =
        new ResultFacts(r, store.events(r.id(), 0), store.evidence(r.id()), store.runs(r.id()));
    ResultView result = ResultView.of(facts, files.changes(r).orElse(null), retry, List.of());
    return new CommissionDetailView(
        CommissionView.of(r), r.spec().canonical(), result, files.logTails(r));
  }

  private Optional<CommissionRecord> find(String id) {
    return id.isEmpty() ? Optional.empty() : store.find(id);
  }

  /** The same refusal {@code commission show} prints for an unknown id. */
  static Reply noCommission(String id) {
    return Reply.error(ErrorCode.NOT_FOUND, "no commission '" + id + "'");
  }
}
