package dev.sleigh.view;

import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What lies behind a failure: which retry budget ran out ({@code exhausted}: {@code
 * max_attempts_per_phase}, {@code max_attempts_total}, as the {@code failed} event recorded it with
 * the limits it was judged by; for events recorded before it did, judged against the configuration
 * read now, {@code unknown} when neither limit was reached; null when the failure was not one a
 * retry could mend or a retry is still to come), how much of each budget the generation used (null
 * when it failed outside its phases, as a delivery that could not be made), the last failed attempt
 * and its reason, the tail of what it printed ({@code outputFrom}: {@code evidence <name>} or the
 * log it was read from) and every attempt's log file.
 */
public record FailureDetail(
    String exhausted,
    BudgetView budget,
    String phase,
    int attempt,
    String reason,
    String outputFrom,
    String outputTail,
    List<AttemptLog> logs) {

  public static final String PER_PHASE = "max_attempts_per_phase";
  public static final String TOTAL = "max_attempts_total";

  /**
   * The retry budget of the current generation: failures of the last failed phase and in all,
   * against the configured limits.
   */
  public record BudgetView(
      int phaseFailures, int maxAttemptsPerPhase, int totalFailures, int maxAttemptsTotal) {}

  /**
   * One log file of an attempt: its phase and attempt, the evidence command it belongs to (null for
   * the phase's own log: the agent's output and the hooks'), where it is, and its last lines (null
   * when not read).
   */
  public record AttemptLog(String phase, int attempt, String evidence, String path, String tail) {
    /** The same without its tail, as views list it. */
    AttemptLog named() {
      return new AttemptLog(phase, attempt, evidence, path, null);
    }
  }

  /**
   * The detail of the last failure of the generation whose events are {@code current}; empty when
   * none of its attempts failed and it did not fail outside them. {@code logs} are the log files
   * found for the commission, with their tails.
   */
  public static Optional<FailureDetail> of(
      List<Event> current, RetryPolicy policy, List<AttemptLog> logs) {
    Event lastFailed = null;
    Event failed = null;
    int total = 0;
    for (Event e : current) {
      if (e.type() == EventType.PHASE_FAILED) {
        lastFailed = e;
        total++;
      } else if (e.type() == EventType.FAILED) {
        failed = e;
      }
    }
    if (lastFailed == null && failed == null) {
      return Optional.empty();
    }
    List<AttemptLog> named =
        logs.stream()
            .sorted(
                Comparator.comparing(
                        (AttemptLog a) -> Phase.fromWire(a.phase()).map(Phase::ordinal).orElse(9))
                    .thenComparing(AttemptLog::attempt)
                    .thenComparing(a -> a.evidence() == null ? "" : a.evidence()))
            .map(AttemptLog::named)
            .toList();
    if (lastFailed == null) {
      Map<?, ?> failure = failed.data().get("failure") instanceof Map<?, ?> m ? m : Map.of();
      Object phase = failure.get("phase");
      return Optional.of(
          new FailureDetail(
              null,
              null,
              phase == null ? null : phase.toString(),
              0,
              failed.text("reason"),
              null,
              null,
              named));
    }
    Event last = lastFailed;
    int phaseFailures =
        (int)
            current.stream()
                .filter(e -> e.type() == EventType.PHASE_FAILED && e.phase() == last.phase())
                .count();
    // The limits the failure was judged by, as recorded; the configuration read now otherwise.
    Map<?, ?> judged =
        failed != null && failed.data().get("failure") instanceof Map<?, ?> m ? m : Map.of();
    BudgetView budget =
        new BudgetView(
            phaseFailures,
            recorded(judged, "max_attempts_per_phase", policy.maxAttemptsPerPhase()),
            total,
            recorded(judged, "max_attempts_total", policy.maxAttemptsTotal()));
    String phase = CommissionView.wire(last.phase());
    Output output = output(current, last, logs);
    Object ranOut = judged.get("budget");
    return Optional.of(
        new FailureDetail(
            ranOut != null ? ranOut.toString() : exhausted(last, budget),
            budget,
            phase,
            last.attempt(),
            last.text("reason"),
            output == null ? null : output.from(),
            output == null ? null : output.tail(),
            named));
  }

  private static int recorded(Map<?, ?> judged, String key, int otherwise) {
    return judged.get(key) instanceof Number n ? n.intValue() : otherwise;
  }

  /** Which budget the failure ran out: only a retryable failure that got no retry ran one out. */
  private static String exhausted(Event last, BudgetView b) {
    if (!last.flag("retryable") || last.data().containsKey("retry_at")) {
      return null;
    }
    if (b.phaseFailures() >= b.maxAttemptsPerPhase()) {
      return PER_PHASE;
    }
    return b.totalFailures() >= b.maxAttemptsTotal() ? TOTAL : "unknown";
  }

  private record Output(String from, String tail) {}

  /** Lines of a log's tail shown as a failure's output. */
  static final int OUTPUT_LINES = 20;

  private static String lastLines(String tail) {
    List<String> lines = tail.stripTrailing().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
  }

  /**
   * What the failed attempt printed: the tail of its last evidence command that did not pass, else
   * the tail of the attempt's own log (the agent's output).
   */
  private static Output output(List<Event> current, Event failed, List<AttemptLog> logs) {
    Output out = null;
    for (Event e : current) {
      if (e.type() == EventType.EVIDENCE_RECORDED
          && e.phase() == failed.phase()
          && e.attempt() == failed.attempt()
          && Boolean.FALSE.equals(e.data().get("passed"))
          && e.data().get("output_tail") != null) {
        out = new Output("evidence " + e.text("name"), e.text("output_tail"));
      }
    }
    if (out != null) {
      return out;
    }
    String phase = CommissionView.wire(failed.phase());
    return logs.stream()
        .filter(
            l ->
                l.evidence() == null
                    && l.phase().equals(phase)
                    && l.attempt() == failed.attempt()
                    && l.tail() != null
                    && !l.tail().isBlank())
        .findFirst()
        .map(l -> new Output(l.path(), lastLines(l.tail())))
        .orElse(null);
  }
}
