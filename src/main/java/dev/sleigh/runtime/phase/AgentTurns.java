package dev.sleigh.runtime.phase;

import dev.sleigh.agent.AgentApproval;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * The turns of one execute session: the first with the phase's prompt, then continuation turns
 * while the agent says it is not finished, up to {@code autonomy.max_turns}; an agent that never
 * said it is done does not pass (final {@code max_turns_without_done}) unless {@code
 * autonomy.pass_on_max_turns}. Token totals and wall-clock time are held to {@code
 * autonomy.max_tokens} and {@code max_wall_clock}; going over either is the final failure {@code
 * budget_exhausted}.
 */
final class AgentTurns {
  private final Commission commission;
  private final TurnPrompts prompts;
  private final InstantSource clock;
  private final Hooks hooks;
  private final AtomicReference<TokenUsage> tokens = new AtomicReference<>(TokenUsage.NONE);
  private int turns;
  private String ending = "not started";

  /**
   * What the turns report to and check with: the run's journal (for the runtime log), where the
   * agent's pid goes, and the workspace check after each turn (empty to go on, else the result).
   */
  record Hooks(
      PhaseJournal journal,
      LongConsumer processStarted,
      IntFunction<Optional<PhaseResult>> afterTurn) {}

  AgentTurns(Commission commission, TurnPrompts prompts, InstantSource clock, Hooks hooks) {
    this.hooks = hooks;
    this.commission = commission;
    this.prompts = prompts;
    this.clock = clock;
  }

  PhaseResult run(AgentSession session, int attempt) throws InterruptedException {
    Commission.Autonomy limits = commission.autonomy();
    Instant started = clock.instant();
    int max = limits.maxTurns();
    ApprovalLedger approvals = new ApprovalLedger(hooks.journal(), attempt);
    for (int turn = 1; turn <= max; turn++) {
      String prompt =
          turn == 1
              ? prompts.render(commission, Phase.EXECUTE, attempt, turn, max)
              : prompts.continuation(commission, turn, max);
      turns = turn;
      hooks
          .journal()
          .note(
              RunNote.TURN_STARTED, Phase.EXECUTE, attempt, Map.of("turn", turn, "max_turns", max));
      TurnOutcome outcome =
          session.runTurn(new Turn(turn, max, prompt), listener(session, attempt, turn, approvals));
      approvals.flush();
      ending = outcome.reason();
      hooks
          .journal()
          .note(
              RunNote.TURN_ENDED,
              Phase.EXECUTE,
              attempt,
              Map.of("turn", turn, "outcome", ending, "tokens_total", tokens.get().total()));
      Optional<PhaseResult> checked = hooks.afterTurn().apply(turn);
      if (checked.isPresent()) {
        ending =
            checked.get() instanceof PhaseResult.Failed f ? f.reason().split(":", 2)[0] : "stopped";
        return checked.get();
      }
      PhaseResult result = verdict(outcome, limits, started);
      if (result != null) {
        return result;
      }
    }
    ending = "max_turns";
    if (limits.passOnMaxTurns()) {
      return new PhaseResult.Passed();
    }
    return new PhaseResult.Failed(
        "max_turns_without_done: the agent used all "
            + max
            + " turns without a final line "
            + DoneContract.MARKER
            + "; raise autonomy.max_turns, make the execute prompt ask for the line, or set"
            + " autonomy.pass_on_max_turns: true to pass such an execute",
        false);
  }

  /** The phase's result after one turn, or null when another turn should follow. */
  private PhaseResult verdict(TurnOutcome outcome, Commission.Autonomy limits, Instant started) {
    if (tokens.get().total() > limits.maxTokens()) {
      ending = "budget_exhausted";
      return new PhaseResult.Failed(
          "budget_exhausted: " + tokens.get().total() + " tokens > " + limits.maxTokens(), false);
    }
    if (Duration.between(started, clock.instant()).compareTo(limits.maxWallClock()) > 0) {
      ending = "budget_exhausted";
      return new PhaseResult.Failed(
          "budget_exhausted: wall clock over " + limits.maxWallClock(), false);
    }
    return switch (outcome) {
      case TurnOutcome.Completed done -> done.finished() ? new PhaseResult.Passed() : null;
      case TurnOutcome.Cancelled c -> new PhaseResult.Stopped("cancelled");
      case TurnOutcome.Failed f -> new PhaseResult.Failed(f.reason(), f.retryable());
      case TurnOutcome.Stalled s -> new PhaseResult.Failed(s.reason(), true);
      case TurnOutcome.TimedOut t -> new PhaseResult.Failed(t.reason(), true);
    };
  }

  private TurnListener listener(
      AgentSession session, int attempt, int turn, ApprovalLedger approvals) {
    Commission.Autonomy limits = commission.autonomy();
    return new TurnListener() {
      @Override
      public void activity(String line) {}

      @Override
      public void approval(AgentApproval request) {
        approvals.heard(turn, request);
      }

      @Override
      public void processStarted(long pid) {
        // Noted first, so that its time is when the agent started, not after a store write.
        hooks.journal().note(RunNote.AGENT_STARTED, Phase.EXECUTE, attempt, Map.of("pid", pid));
        hooks.processStarted().accept(pid);
      }

      @Override
      public void tokens(TokenUsage totals) {
        tokens.set(totals);
        if (totals.total() > limits.maxTokens()) {
          session.cancel();
        }
      }
    };
  }

  /** What the session did, recorded as evidence of the execute phase. */
  Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("turns", turns);
    facts.put("ended", ending);
    facts.put("tokens_input", tokens.get().input());
    facts.put("tokens_output", tokens.get().output());
    facts.put("tokens_total", tokens.get().total());
    return facts;
  }
}
