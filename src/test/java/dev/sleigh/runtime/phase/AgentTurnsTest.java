package dev.sleigh.runtime.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.Commission;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The turns of one execute session against an agent that answers from a script. */
class AgentTurnsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** An agent session whose turns end as {@code outcomes} say, remembering each turn's prompt. */
  private static final class ScriptedSession implements AgentSession {
    final List<TurnOutcome> outcomes;
    final List<String> prompts = new ArrayList<>();

    ScriptedSession(List<TurnOutcome> outcomes) {
      this.outcomes = outcomes;
    }

    @Override
    public TurnOutcome runTurn(Turn turn, TurnListener listener) {
      prompts.add(turn.prompt());
      return outcomes.get(turn.number() - 1);
    }

    @Override
    public void cancel() {}

    @Override
    public long pid() {
      return -1;
    }

    @Override
    public void close() {}
  }

  private PhaseResult run(Commission commission, ScriptedSession session)
      throws InterruptedException {
    return new AgentTurns(
            commission,
            (c, phase, attempt, turn, max) -> "Write the greeting.",
            clock,
            new AgentTurns.Hooks(new RecordingJournal(), pid -> {}, turn -> Optional.empty()))
        .run(session, 1);
  }

  private static Commission withAutonomy(Commission.Autonomy autonomy) {
    return Fixtures.withAutonomy(Fixtures.commission("wc-turns"), autonomy);
  }

  private static TurnOutcome notDone() {
    return new TurnOutcome.Completed(TokenUsage.NONE, false);
  }

  @Test
  void anAgentThatNeverSaysItIsDoneDoesNotPassWhenItRunsOutOfTurns() throws Exception {
    var session = new ScriptedSession(List.of(notDone(), notDone()));

    PhaseResult result =
        run(
            withAutonomy(
                new Commission.Autonomy(
                    2, 1_000_000, Duration.ofHours(1), Commission.OneWayDoor.ALLOW)),
            session);

    assertThat(result)
        .isInstanceOfSatisfying(
            PhaseResult.Failed.class,
            f -> {
              assertThat(f.retryable()).isFalse();
              assertThat(f.reason())
                  .startsWith("max_turns_without_done: the agent used all 2 turns")
                  .contains("autonomy.pass_on_max_turns");
            });
  }

  @Test
  void passOnMaxTurnsLetsSuchAnExecutePass() throws Exception {
    var session = new ScriptedSession(List.of(notDone(), notDone()));

    PhaseResult result =
        run(
            withAutonomy(
                new Commission.Autonomy(
                    2, 1_000_000, Duration.ofHours(1), Commission.OneWayDoor.ALLOW, true)),
            session);

    assertThat(result).isInstanceOf(PhaseResult.Passed.class);
  }

  @Test
  void everyContinuationPromptRepeatsHowToSayTheWorkIsDone() throws Exception {
    var session =
        new ScriptedSession(
            List.of(notDone(), notDone(), new TurnOutcome.Completed(TokenUsage.NONE, true)));

    PhaseResult result =
        run(
            withAutonomy(
                new Commission.Autonomy(
                    3, 1_000_000, Duration.ofHours(1), Commission.OneWayDoor.ALLOW)),
            session);

    assertThat(result).isInstanceOf(PhaseResult.Passed.class);
    assertThat(session.prompts.getFirst()).isEqualTo("Write the greeting.");
    assertThat(session.prompts.subList(1, 3))
        .allSatisfy(p -> assertThat(p).contains(DoneContract.REMINDER).contains("SLEIGH_DONE"));
  }
}
