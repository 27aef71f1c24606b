package dev.sleigh.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sleigh.domain.Ids;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.StoreException;
import dev.sleigh.view.CommandView;
import dev.sleigh.view.ViewJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST .../approve}, {@code .../reject}, {@code .../cancel} and {@code .../requeue}: the
 * operator commands of {@code sleigh approve}, {@code sleigh reject}, {@code sleigh commission
 * cancel} and {@code sleigh commission requeue}, allowed only with the bearer token. A request
 * without it changes nothing and is told 401 before anything else is looked at. All but approve
 * need a reason, as their commands do.
 */
final class OperatorActions {
  static final int MAX_BODY = 64 * 1024;

  private final CommissionStore store;
  private final BearerToken token;
  private final Ids ids;

  OperatorActions(CommissionStore store, BearerToken token, Ids ids) {
    this.store = store;
    this.token = token;
    this.ids = ids;
  }

  /** Optional body fields of every action. */
  record Request(String reason, String snapshotHash) {}

  /** The four actions, by the last part of their path. */
  enum Action {
    APPROVE("approve"),
    REJECT("reject"),
    CANCEL("cancel"),
    REQUEUE("requeue");

    private final String wire;

    Action(String wire) {
      this.wire = wire;
    }

    static Action named(String wire) {
      for (Action a : values()) {
        if (a.wire.equals(wire)) {
          return a;
        }
      }
      throw new IllegalArgumentException("no operator action '" + wire + "'");
    }
  }

  Reply act(Action action, HttpExchange exchange, String id) throws IOException {
    if (!authorized(exchange)) {
      return unauthorized();
    }
    Request request = read(exchange.getRequestBody());
    boolean reasoned = request.reason() != null && !request.reason().isBlank();
    if (action != Action.APPROVE && !reasoned) {
      return Reply.error(
          ErrorCode.INVALID, action.wire + " needs a reason: send {\"reason\": \"...\"}");
    }
    String commandId = commandId();
    Command command =
        switch (action) {
          case APPROVE ->
              new Command.Approve(id, commandId, request.reason(), request.snapshotHash());
          case REJECT -> new Command.Reject(id, commandId, request.reason());
          case CANCEL -> new Command.Cancel(id, commandId, request.reason());
          case REQUEUE -> new Command.Requeue(id, commandId, request.reason());
        };
    return done(store.execute(command));
  }

  private boolean authorized(HttpExchange exchange) {
    return token.accepts(exchange.getRequestHeaders().getFirst("Authorization"));
  }

  private static Reply unauthorized() {
    return Endpoint.unauthorized(
        "approve, reject, cancel and requeue need the server's token (the one sleigh serve printed, or the one it"
            + " was given), as 'Authorization: Bearer <token>'");
  }

  private static Reply done(CommandResult result) {
    return switch (result) {
      case CommandResult.Done done -> Reply.json(200, CommandView.of(done));
      case CommandResult.Refused refused -> Reply.error(refused.error());
    };
  }

  /** The random part of an id is shared state; one id at a time. */
  private synchronized String commandId() {
    return ids.next("op-");
  }

  static Request read(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw invalid("the request body is larger than " + MAX_BODY + " bytes");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return new Request(null, null);
    }
    try {
      JsonNode node = ViewJson.mapper().readTree(text);
      if (!node.isObject()) {
        throw invalid("the request body must be a JSON object");
      }
      return new Request(field(node, "reason"), field(node, "snapshot_hash"));
    } catch (JsonProcessingException e) {
      throw invalid("the request body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid("'" + name + "' must be a string");
    }
    return value.asText();
  }

  private static RuntimeException invalid(String message) {
    return new StoreException(StoreError.of(ErrorCode.INVALID, message));
  }
}
