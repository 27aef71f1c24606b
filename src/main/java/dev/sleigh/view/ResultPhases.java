package dev.sleigh.view;

import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The phases of one generation as attempts: each {@code phase_started} opens an attempt and the
 * {@code phase_passed} or {@code phase_failed} with the same phase and attempt closes it. An
 * attempt that asked for a human ends {@code waiting_human}; once approved it goes on at its gate
 * and its pass or failure is its outcome (a pass so reached says {@code human_gate: approved}), its
 * times still those of the work before the wait. An attempt never closed was cut short (a runner
 * that died, a lease lost) or is still running.
 */
public final class ResultPhases {
  private ResultPhases() {}

  /** One phase: {@code status} is passed, failed or unfinished; durations sum closed attempts. */
  public record PhaseView(
      String phase, String status, Long durationMs, List<AttemptView> attempts) {}

  /** One attempt: {@code outcome} is passed, failed, waiting_human or unfinished. */
  public record AttemptView(
      int attempt,
      Instant startedAt,
      Instant endedAt,
      Long durationMs,
      String outcome,
      String reason) {}

  public static List<PhaseView> of(List<Event> generationEvents) {
    Map<Phase, List<AttemptView>> byPhase = new EnumMap<>(Phase.class);
    for (Event e : generationEvents) {
      if (e.phase() == null) {
        continue;
      }
      List<AttemptView> attempts = byPhase.computeIfAbsent(e.phase(), p -> new ArrayList<>());
      if (e.type() == EventType.PHASE_STARTED) {
        attempts.add(new AttemptView(e.attempt(), e.at(), null, null, "unfinished", null));
      } else if (e.type() == EventType.PHASE_PASSED || e.type() == EventType.PHASE_FAILED) {
        close(attempts, e, e.attempt());
      } else if (e.type() == EventType.WAITING_HUMAN && !attempts.isEmpty()) {
        close(attempts, e, attempts.getLast().attempt());
      }
    }
    List<PhaseView> out = new ArrayList<>();
    byPhase.forEach(
        (phase, attempts) -> {
          if (!attempts.isEmpty()) {
            out.add(
                new PhaseView(
                    phase.wire(), status(attempts), total(attempts), List.copyOf(attempts)));
          }
        });
    return out;
  }

  /** Closes the open attempt {@code attempt} with the outcome {@code end} names. */
  private static void close(List<AttemptView> attempts, Event end, int attempt) {
    for (int i = 0; i < attempts.size(); i++) {
      AttemptView a = attempts.get(i);
      if (a.attempt() == attempt && a.outcome().equals("waiting_human")) {
        attempts.set(
            i,
            new AttemptView(
                a.attempt(),
                a.startedAt(),
                a.endedAt(),
                a.durationMs(),
                outcome(end),
                end.type() == EventType.PHASE_PASSED
                    ? "human_gate: " + end.text("human_gate")
                    : end.text("reason")));
        return;
      }
      if (a.attempt() == attempt && a.endedAt() == null) {
        attempts.set(
            i,
            new AttemptView(
                a.attempt(),
                a.startedAt(),
                end.at(),
                Duration.between(a.startedAt(), end.at()).toMillis(),
                outcome(end),
                end.type() == EventType.PHASE_PASSED ? null : end.text("reason")));
        return;
      }
    }
  }

  private static String outcome(Event end) {
    if (end.type() == EventType.PHASE_PASSED) {
      return "passed";
    }
    return end.type() == EventType.WAITING_HUMAN ? "waiting_human" : "failed";
  }

  private static String status(List<AttemptView> attempts) {
    if (attempts.stream().anyMatch(a -> a.outcome().equals("passed"))) {
      return "passed";
    }
    return attempts.getLast().outcome();
  }

  private static Long total(List<AttemptView> attempts) {
    long sum = 0;
    boolean any = false;
    for (AttemptView a : attempts) {
      if (a.durationMs() != null) {
        sum += a.durationMs();
        any = true;
      }
    }
    return any ? sum : null;
  }
}
