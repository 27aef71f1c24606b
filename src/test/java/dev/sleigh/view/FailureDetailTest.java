package dev.sleigh.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which budget a failure ran out, its last attempt, its output and its logs, from the events. */
class FailureDetailTest {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final RetryPolicy POLICY =
      new RetryPolicy(3, 4, Duration.ofSeconds(1), Duration.ofSeconds(2), 3);

  final List<Event> events = new ArrayList<>();

  void event(EventType type, Phase phase, int attempt, Map<String, Object> data) {
    events.add(
        new Event(
            "wc-a",
            events.size() + 1,
            1,
            type,
            phase,
            attempt,
            1,
            T0.plusSeconds(events.size()),
            "c" + events.size(),
            data));
  }

  void attempt(Phase phase, int attempt, boolean retried) {
    event(EventType.PHASE_STARTED, phase, attempt, Map.of());
    event(
        EventType.PHASE_FAILED,
        phase,
        attempt,
        retried
            ? Map.of("reason", "exit_code:1", "retryable", true, "retry_at", T0.toString())
            : Map.of("reason", "exit_code:1", "retryable", true));
  }

  static FailureDetail.AttemptLog log(String phase, int attempt, String evidence, String tail) {
    return new FailureDetail.AttemptLog(
        phase,
        attempt,
        evidence,
        "/h/logs/wc-a/" + phase + "-" + attempt + (evidence == null ? "" : "-" + evidence) + ".log",
        tail);
  }

  @Test
  void thePerPhaseBudgetRanOutWithTheAgentsLogAsItsOutput() {
    attempt(Phase.EXECUTE, 1, true);
    attempt(Phase.EXECUTE, 2, true);
    attempt(Phase.EXECUTE, 3, false);
    event(EventType.FAILED, null, 0, Map.of("reason", "retry_budget_exhausted"));

    FailureDetail f =
        FailureDetail.of(
                events,
                POLICY,
                List.of(
                    log("execute", 3, null, "agent said: no"),
                    log("execute", 1, null, "first"),
                    log("preflight", 1, null, "")))
            .orElseThrow();

    assertThat(f.exhausted()).isEqualTo("max_attempts_per_phase");
    assertThat(f.budget()).isEqualTo(new FailureDetail.BudgetView(3, 3, 3, 4));
    assertThat(f.phase()).isEqualTo("execute");
    assertThat(f.attempt()).isEqualTo(3);
    assertThat(f.reason()).isEqualTo("exit_code:1");
    assertThat(f.outputFrom()).isEqualTo("/h/logs/wc-a/execute-3.log");
    assertThat(f.outputTail()).isEqualTo("agent said: no");
    assertThat(f.logs())
        .extracting(l -> l.phase() + "#" + l.attempt())
        .containsExactly("preflight#1", "execute#1", "execute#3");
    assertThat(f.logs()).allMatch(l -> l.tail() == null);
  }

  @Test
  void theTotalBudgetRanOutWithTheFailedEvidenceAsItsOutput() {
    attempt(Phase.EXECUTE, 1, true);
    attempt(Phase.EXECUTE, 2, true);
    event(EventType.PHASE_PASSED, Phase.EXECUTE, 3, Map.of());
    attempt(Phase.MEASURE, 1, true);
    event(EventType.PHASE_STARTED, Phase.MEASURE, 2, Map.of());
    event(
        EventType.EVIDENCE_RECORDED,
        Phase.MEASURE,
        2,
        Map.of("name", "unit", "passed", false, "output_tail", "1 test failed"));
    event(
        EventType.PHASE_FAILED,
        Phase.MEASURE,
        2,
        Map.of("reason", "evidence_failed:unit", "retryable", true));

    FailureDetail f = FailureDetail.of(events, POLICY, List.of()).orElseThrow();

    assertThat(f.exhausted()).isEqualTo("max_attempts_total");
    assertThat(f.budget()).isEqualTo(new FailureDetail.BudgetView(2, 3, 4, 4));
    assertThat(f.reason()).isEqualTo("evidence_failed:unit");
    assertThat(f.outputFrom()).isEqualTo("evidence unit");
    assertThat(f.outputTail()).isEqualTo("1 test failed");
  }

  @Test
  void aFailureThatIsRetriedOrFinalRanNoBudgetOut() {
    attempt(Phase.EXECUTE, 1, true);
    assertThat(FailureDetail.of(events, POLICY, List.of()).orElseThrow().exhausted()).isNull();

    event(EventType.PHASE_STARTED, Phase.EXECUTE, 2, Map.of());
    event(
        EventType.PHASE_FAILED,
        Phase.EXECUTE,
        2,
        Map.of("reason", "scope_violation: x", "retryable", false));
    FailureDetail f = FailureDetail.of(events, POLICY, List.of()).orElseThrow();
    assertThat(f.exhausted()).isNull();
    assertThat(f.reason()).isEqualTo("scope_violation: x");
  }

  @Test
  void noFailureNoDetail() {
    event(EventType.PHASE_STARTED, Phase.EXECUTE, 1, Map.of());
    event(EventType.PHASE_PASSED, Phase.EXECUTE, 1, Map.of());
    assertThat(FailureDetail.of(events, POLICY, List.of())).isEmpty();
  }

  @Test
  void aWaitStoredWithAttemptZeroStillClosesTheLatestAttempt() {
    event(EventType.PHASE_STARTED, Phase.EXECUTE, 1, Map.of());
    event(EventType.PHASE_FAILED, Phase.EXECUTE, 1, Map.of("reason", "x", "retryable", true));
    event(EventType.PHASE_STARTED, Phase.EXECUTE, 2, Map.of());
    event(EventType.WAITING_HUMAN, Phase.EXECUTE, 0, Map.of("reason", "one_way_door"));

    assertThat(ResultPhases.of(events).getFirst().attempts())
        .extracting(a -> a.attempt() + " " + a.outcome())
        .containsExactly("1 failed", "2 waiting_human");
  }

  @Test
  void theBudgetRecordedWithTheFailureWinsOverAConfigurationChangedSince() {
    attempt(Phase.MEASURE, 1, true);
    attempt(Phase.MEASURE, 2, false);
    event(
        EventType.FAILED,
        null,
        0,
        Map.of(
            "reason",
            "retry_budget_exhausted",
            "failure",
            Map.of(
                "phase",
                "measure",
                "attempt",
                2,
                "reason",
                "exit_code:1",
                "budget",
                "max_attempts_per_phase",
                "max_attempts_per_phase",
                2,
                "max_attempts_total",
                8)));

    // today's configuration allows 3 per phase: by it, no budget would have run out
    FailureDetail f = FailureDetail.of(events, POLICY, List.of()).orElseThrow();

    assertThat(f.exhausted()).isEqualTo("max_attempts_per_phase");
    assertThat(f.budget()).isEqualTo(new FailureDetail.BudgetView(2, 2, 2, 8));
  }
}
