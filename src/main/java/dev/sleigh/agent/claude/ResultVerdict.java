package dev.sleigh.agent.claude;

import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.TurnOutcome;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the end of one {@code claude} run into the turn's outcome. A run that says it is done ends
 * its final text with a line {@value #DONE}; one that ran out of model turns ({@code
 * error_max_turns}) is not done and may go on in a continuation turn on the same session. An error
 * result is retryable unless the model API refused the request itself (a bad request, a missing or
 * wrong key, no permission), which no retry would change.
 */
final class ResultVerdict {
  /** The line with which the agent says the work is complete. */
  static final String DONE = "SLEIGH_DONE";

  static final String MAX_TURNS = "error_max_turns";

  private static final Set<Integer> FINAL_API_STATUSES = Set.of(400, 401, 403, 404, 413, 422);
  private static final int DETAIL_LIMIT = 300;

  private ResultVerdict() {}

  /** The outcome of a run that exited with {@code exitCode}; {@code totals} are the session's. */
  static TurnOutcome of(TurnTranscript transcript, int exitCode, TokenUsage totals) {
    Optional<StreamMessage.Result> result = transcript.result();
    if (result.isEmpty()) {
      return noResult(transcript, exitCode);
    }
    StreamMessage.Result r = result.get();
    if (MAX_TURNS.equals(r.subtype())) {
      return new TurnOutcome.Completed(totals, false);
    }
    if (r.isError() || r.subtype().startsWith("error")) {
      boolean retryable = r.apiErrorStatus().map(s -> !FINAL_API_STATUSES.contains(s)).orElse(true);
      return new TurnOutcome.Failed("claude_error: " + detail(r), retryable);
    }
    return new TurnOutcome.Completed(totals, finished(r.text()));
  }

  static boolean finished(String text) {
    return text.lines().anyMatch(line -> line.strip().equals(DONE));
  }

  private static TurnOutcome noResult(TurnTranscript transcript, int exitCode) {
    String skipped =
        transcript.skipped() == 0
            ? ""
            : ", " + transcript.skipped() + " line(s) that were not JSON messages";
    String what = exitCode == 0 ? "claude_no_result: exited 0" : "exit_code:" + exitCode;
    return new TurnOutcome.Failed(
        what + " without a result message after " + transcript.messages() + " message(s)" + skipped,
        true);
  }

  private static String detail(StreamMessage.Result r) {
    StringBuilder detail = new StringBuilder(r.subtype().isEmpty() ? "error" : r.subtype());
    r.apiErrorStatus().ifPresent(s -> detail.append(" (api status ").append(s).append(')'));
    String text = r.text().strip().replaceAll("\\s+", " ");
    if (!text.isEmpty()) {
      detail
          .append(": ")
          .append(text.length() > DETAIL_LIMIT ? text.substring(0, DETAIL_LIMIT) + "…" : text);
    }
    return detail.toString();
  }
}
