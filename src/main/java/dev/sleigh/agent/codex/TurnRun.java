package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.StallWatch;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.process.Watchdog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One codex turn over a {@link CodexConnection}: starts it, then takes codex's notifications until
 * {@code turn/completed}, waking at the earlier of the stall and the turn deadline. Every other
 * ending (stall, timeout, cancel, a request nobody can answer) interrupts the turn and stops the
 * process tree within the cancel grace.
 */
final class TurnRun {
  private static final Logger LOG = LoggerFactory.getLogger(TurnRun.class);

  private final CodexConnection connection;
  private final Turn turn;
  private final TurnTracker tracker = new TurnTracker();
  private final StallWatch watch;
  private final SessionSpec.Timeouts limits;

  /** Beyond the turn timeout and the grace, how long a turn waits if the watchdog never fires. */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  TurnRun(CodexConnection connection, Turn turn) {
    this.connection = connection;
    this.turn = turn;
    this.watch = connection.watch();
    this.limits = connection.timeouts();
  }

  TurnOutcome run() throws InterruptedException {
    try {
      tracker.started(connection.startTurn(turn));
    } catch (IOException | RpcException e) {
      LOG.info(
          "Codex did not start turn {}: {}; stopping the app-server",
          turn.number(),
          e.getMessage());
      return abort(new TurnOutcome.Failed("turn_start_failed: " + e.getMessage(), true));
    }
    return await();
  }

  private TurnOutcome await() throws InterruptedException {
    Instant deadline = connection.clock().instant().plus(limits.turn());
    Duration bound = limits.turn().plus(limits.cancelGrace()).plus(MARGIN);
    try (Watchdog.Watch<TurnOutcome> watchdog =
        Watchdog.shared()
            .watch(connection.process().child(), limits.cancelGrace(), () -> reached(deadline))) {
      watchdog
          .fired()
          .thenAccept(o -> connection.channel().offer(new Inbound.LimitReached(turn.number(), o)));
      while (true) {
        Inbound next = connection.channel().poll(bound);
        if (next == null) {
          return abort(new TurnOutcome.TimedOut(limits.turn()));
        }
        TurnOutcome outcome = handle(next);
        if (outcome != null) {
          return outcome;
        }
      }
    }
  }

  /** The limit the turn has reached, if any; asked on the watchdog's thread. */
  private Optional<TurnOutcome> reached(Instant deadline) {
    if (connection.cancelled()) {
      return Optional.of(new TurnOutcome.Cancelled());
    }
    Instant now = connection.clock().instant();
    if (watch.stalled(now, limits.stall())) {
      return Optional.of(new TurnOutcome.Stalled(watch.silence(now)));
    }
    if (!now.isBefore(deadline)) {
      return Optional.of(new TurnOutcome.TimedOut(limits.turn()));
    }
    return Optional.empty();
  }

  /** The turn's outcome when {@code next} ends it, else null. */
  private TurnOutcome handle(Inbound next) throws InterruptedException {
    return switch (next) {
      case Inbound.Notice n -> notice(n.method(), n.params());
      case Inbound.InputRequired r -> abort(new TurnOutcome.Failed("input_required", false));
      case Inbound.CancelRequested c -> abort(new TurnOutcome.Cancelled());
      case Inbound.LimitReached l -> l.turn() == turn.number() ? abort(l.outcome()) : null;
      case Inbound.Exited e -> exited();
    };
  }

  private TurnOutcome notice(String method, JsonNode params) {
    switch (method) {
      case Protocol.TURN_COMPLETED -> {
        if (tracker.endedBy(params)) {
          return tracker.completed(params.path("turn"), connection.totals());
        }
      }
      case Protocol.ITEM_COMPLETED -> tracker.itemCompleted(params);
      case Protocol.TOKEN_USAGE_UPDATED -> connection.tokens(params);
      case Protocol.ERROR -> {
        tracker.error(params);
        LOG.info(
            "Codex reported an error{}: {}",
            params.path("willRetry").asBoolean() ? " it retries" : "",
            params.path("error").path("message").asText());
      }
      default -> LOG.debug("Codex notification {} needs nothing from Sleigh", method);
    }
    return null;
  }

  private TurnOutcome exited() {
    int code = connection.process().exitCode();
    LOG.info("Codex app-server exited with code {} during turn {}", code, turn.number());
    connection.stopBy(connection.clock().instant().plus(limits.cancelGrace()));
    return new TurnOutcome.Failed("agent_exited: code " + code, true);
  }

  /**
   * Interrupts the turn, gives codex the cancel grace to end it, then stops the process tree; the
   * outcome is {@code outcome} whatever codex says meanwhile.
   */
  private TurnOutcome abort(TurnOutcome outcome) throws InterruptedException {
    Instant deadline = connection.clock().instant().plus(limits.cancelGrace());
    LOG.info(
        "Ending codex turn {} ({}): interrupting it, then stopping the app-server within {}",
        turn.number(),
        outcome.reason(),
        limits.cancelGrace());
    tracker.id().ifPresent(connection::interrupt);
    awaitEnd(deadline);
    connection.stopBy(deadline);
    return outcome;
  }

  /** Waits until the turn ends, the process exits or the deadline passes; tokens still count. */
  private void awaitEnd(Instant deadline) throws InterruptedException {
    while (true) {
      Duration left = Duration.between(connection.clock().instant(), deadline);
      Inbound next = left.isPositive() ? connection.channel().poll(left) : null;
      if (next == null || next instanceof Inbound.Exited) {
        return;
      }
      if (next instanceof Inbound.Notice n) {
        if (n.method().equals(Protocol.TURN_COMPLETED) && tracker.endedBy(n.params())) {
          return;
        }
        if (n.method().equals(Protocol.TOKEN_USAGE_UPDATED)) {
          connection.tokens(n.params());
        }
      }
    }
  }
}
