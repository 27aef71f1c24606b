package dev.sleigh.lifecycle;

import static dev.sleigh.domain.EventType.*;
import static dev.sleigh.domain.Phase.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResumePointTest {
  private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

  /** A compact history: "claim", "start:execute", "pass:preflight", "fail:execute", "requeue" … */
  static List<Event> history(String... steps) {
    List<Event> out = new ArrayList<>();
    int gen = 1;
    long epoch = 0;
    out.add(
        new Event(
            "wc-a",
            1,
            gen,
            CREATED,
            null,
            0,
            0,
            T,
            null,
            Map.of("snapshot_hash", "s1", "valid_until", T.plusSeconds(3600).toString())));
    Map<Phase, Integer> starts = new EnumMap<>(Phase.class);
    for (String step : steps) {
      String[] parts = step.split(":");
      Phase phase = parts.length > 1 ? Phase.fromWire(parts[1]).orElse(null) : null;
      EventType type;
      Map<String, Object> data = Map.of();
      switch (parts[0]) {
        case "claim" -> {
          type = CLAIMED;
          epoch++;
          data = Map.of("lease_id", "l" + epoch, "runner_id", "r", "expires_at", T.toString());
        }
        case "start" -> {
          type = PHASE_STARTED;
          starts.merge(phase, 1, Integer::sum);
        }
        case "pass" -> type = PHASE_PASSED;
        case "fail" -> {
          type = PHASE_FAILED;
          data = Map.of("reason", "stalled", "retry_at", T.toString());
        }
        case "expire_lease" -> type = LEASE_EXPIRED;
        case "wait" -> {
          type = WAITING_HUMAN;
          data = Map.of("reason", "door");
        }
        case "approve" -> {
          type = APPROVED;
          data = Map.of("state", "running", "snapshot_hash", parts.length > 1 ? parts[1] : "s1");
          phase = null;
        }
        case "requeue" -> {
          type = REQUEUED;
          gen++;
          epoch++;
          starts.clear();
          data = Map.of("reason", "again");
        }
        case "cancel" -> {
          type = CANCELLED;
          epoch++;
          data = Map.of("reason", "stop");
        }
        case "block" -> {
          type = BLOCKED;
          data = Map.of("state", "blocked_stale", "reason", "stale");
        }
        case "failed" -> {
          type = FAILED;
          data = Map.of("reason", "retry_budget_exhausted");
        }
        default -> throw new IllegalArgumentException(step);
      }
      int attempt =
          type == PHASE_STARTED || type == PHASE_PASSED || type == PHASE_FAILED
              ? starts.getOrDefault(phase, 0)
              : 0;
      out.add(
          new Event(
              "wc-a",
              out.size() + 1,
              gen,
              type,
              type == WAITING_HUMAN ? phase : (type == APPROVED ? null : phase),
              attempt,
              epoch,
              T,
              null,
              data));
    }
    return out;
  }

  static Stream<Arguments> histories() {
    return Stream.of(
        Arguments.of(new String[] {}, new ResumePoint.Run(PREFLIGHT, 1, 1, Set.of())),
        Arguments.of(new String[] {"claim"}, new ResumePoint.Run(PREFLIGHT, 1, 1, Set.of())),
        Arguments.of(
            new String[] {"claim", "start:preflight"},
            new ResumePoint.Run(PREFLIGHT, 2, 1, Set.of())),
        Arguments.of(
            new String[] {"claim", "start:preflight", "pass:preflight"},
            new ResumePoint.Run(FRAME, 1, 1, Set.of())),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "fail:execute"
            },
            new ResumePoint.Run(EXECUTE, 2, 1, Set.of())),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "expire_lease",
              "claim"
            },
            new ResumePoint.Run(EXECUTE, 2, 1, Set.of())),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "fail:execute",
              "claim",
              "start:execute",
              "fail:execute",
              "claim"
            },
            new ResumePoint.Run(EXECUTE, 3, 1, Set.of())),
        Arguments.of(
            new String[] {
              "claim", "start:preflight", "pass:preflight", "start:frame", "fail:frame", "requeue"
            },
            new ResumePoint.Run(PREFLIGHT, 1, 2, Set.of())),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "requeue",
              "claim",
              "start:preflight",
              "pass:preflight"
            },
            new ResumePoint.Run(FRAME, 1, 2, Set.of())),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "wait:execute"
            },
            new ResumePoint.Nothing(CommissionState.WAITING_HUMAN)),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "wait:execute",
              "approve"
            },
            new ResumePoint.Run(EXECUTE, 1, 1, Set.of(EXECUTE), true)),
        // the runner died re-checking the approved change: it is re-checked again, still attempt 1
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "wait:execute",
              "approve",
              "claim",
              "expire_lease",
              "claim"
            },
            new ResumePoint.Run(EXECUTE, 1, 1, Set.of(EXECUTE), true)),
        // a wait recorded before execute ever started has no attempt to resume at its gate
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "wait:execute",
              "approve",
              "claim"
            },
            new ResumePoint.Run(EXECUTE, 1, 1, Set.of(EXECUTE))),
        // the re-check of the approved change failed: the next attempt is a new one
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "wait:execute",
              "approve",
              "claim",
              "fail:execute"
            },
            new ResumePoint.Run(EXECUTE, 2, 1, Set.of(EXECUTE))),
        // a measure that waited and was approved runs once more: it keeps nothing from before
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "pass:execute",
              "start:measure",
              "wait:measure",
              "approve"
            },
            new ResumePoint.Run(MEASURE, 2, 1, Set.of(MEASURE))),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "wait:execute",
              "approve:s0"
            },
            new ResumePoint.Run(EXECUTE, 2, 1, Set.of())),
        Arguments.of(
            new String[] {
              "claim", "start:preflight", "pass:preflight", "wait:execute", "approve", "requeue"
            },
            new ResumePoint.Run(PREFLIGHT, 1, 2, Set.of())),
        Arguments.of(
            new String[] {
              "claim",
              "start:preflight",
              "pass:preflight",
              "start:frame",
              "pass:frame",
              "start:execute",
              "pass:execute",
              "start:measure",
              "pass:measure"
            },
            new ResumePoint.Finish(1)),
        Arguments.of(
            new String[] {"claim", "cancel"}, new ResumePoint.Nothing(CommissionState.CANCELLED)),
        Arguments.of(
            new String[] {"claim", "block"},
            new ResumePoint.Nothing(CommissionState.BLOCKED_STALE)),
        Arguments.of(
            new String[] {"claim", "failed"}, new ResumePoint.Nothing(CommissionState.FAILED)));
  }

  @ParameterizedTest
  @MethodSource("histories")
  void theResumePointFollowsOnlyFromTheEventsOfTheCurrentGeneration(
      String[] steps, ResumePoint expected) {
    assertThat(ResumePoint.from(history(steps), Workflow.DEFAULT)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void aWorkflowWithoutFrameSkipsIt(String[] steps, ResumePoint ignored) {
    ResumePoint point = ResumePoint.from(history(steps), Workflow.of(PREFLIGHT, EXECUTE, MEASURE));
    if (point instanceof ResumePoint.Run run) {
      assertThat(run.phase()).isNotEqualTo(FRAME);
    }
  }
}
