package dev.sleigh.agent.claude;

import dev.sleigh.agent.AgentFailure;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.TurnOutcome;
import java.util.Optional;

/**
 * Turns the end of one {@code claude} run into the turn's outcome. A run that says it is done ends
 * its final text with a line {@value #DONE}; one that ran out of model turns ({@code
 * error_max_turns}) is not done and may go on in a continuation turn on the same session. An error
 * result is classified by the HTTP status of the model API error it reports ({@link
 * AgentFailure#ofHttpStatus}): a bad request or a wrong key ends the commission with a reason that
 * says what to check, a rate limit or a server error is retried; one without a status is retried.
 */
final class ResultVerdict {
  /** The line with which the agent says the work is complete. */
  static final String DONE = DoneContract.MARKER;

  static final String MAX_TURNS = "error_max_turns";

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
      Optional<AgentFailure> kind = r.apiErrorStatus().flatMap(AgentFailure::ofHttpStatus);
      if (kind.isPresent()) {
        return kind.get().outcome("claude: " + detail(r) + fix(kind.get()));
      }
      return new TurnOutcome.Failed("claude_error: " + detail(r), true);
    }
    return new TurnOutcome.Completed(totals, finished(r.text()));
  }

  static boolean finished(String text) {
    return DoneContract.saysDone(text);
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

  private static String fix(AgentFailure kind) {
    return switch (kind) {
      case AUTHENTICATION ->
          "; check ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN) where sleigh"
              + " run starts";
      case BAD_REQUEST -> "; check agent.model and ANTHROPIC_BASE_URL";
      default -> "";
    };
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
