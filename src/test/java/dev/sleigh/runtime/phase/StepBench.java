package dev.sleigh.runtime.phase;

import dev.sleigh.agent.SessionSpec;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Decision;
import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Lease;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.store.Decisions;
import dev.sleigh.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of one run over fakes: a manual clock, a journal, shell, workspace and agent held in
 * memory, and decisions in a map. A test changes what it needs and then runs a phase.
 */
final class StepBench {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final RecordingJournal journal = new RecordingJournal();
  final ScriptedShell shell = new ScriptedShell();
  final MemoryWorkbench bench = new MemoryWorkbench();
  final MemoryAgent agent = new MemoryAgent();
  final Cancellation cancellation = new Cancellation();
  final Map<String, Decision> decisions = new HashMap<>();
  final Map<Phase, List<Gate>> gates = new EnumMap<>(Safeguards.DEFAULT_GATES);
  Safeguards.Hooks hooks = Safeguards.Hooks.NONE;
  Safeguards.HumanGate human = Safeguards.HumanGate.DEFAULT;
  Safeguards.Judge judge = Safeguards.Judge.NONE;
  Set<Phase> approved = Set.of();
  Instant validUntil = START.plus(Duration.ofHours(1));

  StepBench() {
    decisions.put("dec-1", decision("dec-1", Decision.Status.ACTIVE, "rev-1"));
  }

  static Decision decision(String id, Decision.Status status, String revision) {
    return new Decision(
        id,
        "Decision " + id,
        status,
        status == Decision.Status.SUPERSEDED ? "dec-2" : null,
        List.of(new Decision.Revision(1, revision, "", START)),
        START,
        START);
  }

  StepBench hook(Safeguards.HookPoint point, String script, Safeguards.HookPolicy policy) {
    Map<Safeguards.HookPoint, Safeguards.Hook> all = new EnumMap<>(Safeguards.HookPoint.class);
    all.putAll(hooks.hooks());
    all.put(point, new Safeguards.Hook(script, policy));
    hooks = new Safeguards.Hooks(all, Duration.ofSeconds(60));
    return this;
  }

  Safeguards safeguards() {
    return new Safeguards(hooks, gates, human, judge);
  }

  PhaseSteps steps() {
    StepSettings settings =
        new StepSettings(
            safeguards(),
            Path.of("/nowhere/logs"),
            new SessionSpec.Timeouts(
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(1)),
            Map.of(),
            (c, phase, attempt, turn, max) -> "Write the greeting.",
            clock);
    return new PhaseSteps(
        settings,
        new StepPorts(journal, bench, agent, decisions(), cancellation, pid -> {}),
        shell,
        approved);
  }

  CommissionRecord record(Commission c) {
    return new CommissionRecord(
        c,
        "snap",
        CommissionState.RUNNING,
        1,
        new Lease.Free(1),
        null,
        null,
        null,
        0,
        validUntil,
        START,
        START,
        1);
  }

  PhaseResult run(Phase phase, Commission c) throws InterruptedException {
    return steps().run(new PhaseAttempt(record(c), phase, 1));
  }

  private Decisions decisions() {
    return new Decisions() {
      @Override
      public Optional<Decision> find(String id) {
        return Optional.ofNullable(decisions.get(id));
      }

      @Override
      public List<Decision> list() {
        return List.copyOf(decisions.values());
      }

      @Override
      public Decision add(String id, String title, String body) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Decision revise(String id, String title, String body) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Decision supersede(String id, String by) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
