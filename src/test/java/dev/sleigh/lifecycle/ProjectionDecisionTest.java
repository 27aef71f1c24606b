package dev.sleigh.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the decider makes of a projection's outcome: a publication pays a debt, a failure not. */
class ProjectionDecisionTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private final CommandDecider decider = new CommandDecider(new SplittableRandom(1));

  private static final List<Event> HISTORY =
      List.of(
          new Event(
              "wc-a",
              1,
              1,
              EventType.CREATED,
              null,
              0,
              0,
              NOW,
              "c",
              Map.of("snapshot_hash", "h", "valid_until", NOW.plusSeconds(3600).toString())),
          new Event(
              "wc-a",
              2,
              1,
              EventType.COMPLETED,
              null,
              0,
              1,
              NOW,
              "k",
              Map.of("state", CommissionState.COMPLETED_WITH_PROJECTION_DEBT.wire())));

  private static CommissionRecord inDebt() {
    return CommissionRecord.replay(dev.sleigh.testkit.Fixtures.commission("wc-a"), HISTORY);
  }

  private CommissionRecord after(CommissionRecord r, Command.ProjectionOutcome outcome) {
    var verdict =
        decider.decide(r, HISTORY, new Command.RecordProjection("wc-a", "p", outcome), NOW);
    assertThat(verdict).isInstanceOf(CommandDecider.Verdict.Append.class);
    CommissionRecord next = r;
    for (Event e : ((CommandDecider.Verdict.Append) verdict).events()) {
      next = next.apply(e);
    }
    return next;
  }

  @Test
  void aPublishedProjectionPaysTheDebt() {
    assertThat(after(inDebt(), new Command.ProjectionOutcome.Published(List.of("hook"))).state())
        .isEqualTo(CommissionState.COMPLETED);
  }

  @Test
  void aFailedPublicationLeavesTheDebtWhetherRetriedOrFinal() {
    var failure = List.<Map<String, Object>>of(Map.of("target", "hook", "reason", "HTTP 503"));
    assertThat(
            after(
                    inDebt(),
                    new Command.ProjectionOutcome.Failed(List.of(), failure, NOW.plusSeconds(30)))
                .state())
        .isEqualTo(CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
    assertThat(
            after(inDebt(), new Command.ProjectionOutcome.Failed(List.of(), failure, null)).state())
        .isEqualTo(CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
  }
}
