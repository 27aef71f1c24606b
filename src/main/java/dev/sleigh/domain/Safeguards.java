package dev.sleigh.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What stands around the phases (SPEC §4.1–§4.2): the hooks run in the workspace, the gates each
 * phase must pass, when a human must approve, and the rule-based judge.
 */
public record Safeguards(
    Hooks hooks,
    Map<Phase, List<Gate>> gates,
    HumanGate human,
    Judge judge,
    Map<String, String> evidenceEnv) {

  /** Safeguards whose evidence commands get no configured variables. */
  public Safeguards(Hooks hooks, Map<Phase, List<Gate>> gates, HumanGate human, Judge judge) {
    this(hooks, gates, human, judge, Map.of());
  }

  public static final Map<Phase, List<Gate>> DEFAULT_GATES =
      Map.of(
          Phase.PREFLIGHT,
              List.of(
                  Gate.COMMISSION_RUNNABLE, Gate.DECISION_FRESH, Gate.VALID_UNTIL, Gate.LOCKS_FREE),
          Phase.FRAME, List.of(),
          Phase.EXECUTE, List.of(Gate.SCOPE_CLEAN, Gate.NON_EMPTY_DIFF),
          Phase.MEASURE, List.of(Gate.EVIDENCE_PASSED));

  public static final Safeguards DEFAULT =
      new Safeguards(Hooks.NONE, DEFAULT_GATES, HumanGate.DEFAULT, Judge.NONE);

  public Safeguards {
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(human, "human");
    Objects.requireNonNull(judge, "judge");
    evidenceEnv = Map.copyOf(evidenceEnv);
    EnumMap<Phase, List<Gate>> copy = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      List<Gate> listed = List.copyOf(gates.getOrDefault(p, DEFAULT_GATES.get(p)));
      for (Gate gate : listed) {
        if (!gate.guards(p)) {
          throw new IllegalArgumentException(
              "workflow.phases."
                  + p.wire()
                  + ".gates: '"
                  + gate.wire()
                  + "' is not a gate of "
                  + p.wire());
        }
      }
      copy.put(p, listed);
    }
    gates = Map.copyOf(copy);
  }

  public boolean has(Phase phase, Gate gate) {
    return gates.get(phase).contains(gate);
  }

  /** Shell snippets run with {@code bash -lc} in the workspace at four points, with a timeout. */
  public record Hooks(Map<HookPoint, Hook> hooks, Duration timeout, Map<String, String> env) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Hooks NONE = new Hooks(Map.of(), DEFAULT_TIMEOUT);

    /** Hooks that get no configured variables. */
    public Hooks(Map<HookPoint, Hook> hooks, Duration timeout) {
      this(hooks, timeout, Map.of());
    }

    public Hooks {
      hooks = Map.copyOf(hooks);
      env = Map.copyOf(env);
      if (timeout == null || !timeout.isPositive()) {
        throw new IllegalArgumentException("hooks.timeout: must be longer than 0");
      }
    }
  }

  /** One hook: its script and whether its failure fails the attempt. */
  public record Hook(String script, HookPolicy policy) {
    public Hook {
      if (script == null || script.isBlank()) {
        throw new IllegalArgumentException("a hook needs a script");
      }
      Objects.requireNonNull(policy, "policy");
    }
  }

  /** Where a hook runs. */
  public enum HookPoint {
    AFTER_CREATE,
    BEFORE_RUN,
    AFTER_RUN,
    BEFORE_REMOVE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * {@code blocking}: a failure fails the attempt (retryable); {@code warning}: it is only logged.
   */
  public enum HookPolicy {
    BLOCKING,
    WARNING
  }

  /**
   * When a human must approve: always at the end of {@code phases}; whenever the commission's
   * {@code repo.base_ref} matches {@code branchRegex} (at the end of execute); a request older than
   * {@code escalateAfter} is flagged, one older than {@code expireAfter} is rejected.
   */
  public record HumanGate(
      Set<Phase> phases, Pattern branchRegex, Duration escalateAfter, Duration expireAfter) {
    public static final HumanGate DEFAULT =
        new HumanGate(Set.of(), null, Duration.ofHours(24), Duration.ofHours(168));

    public HumanGate {
      phases = Set.copyOf(phases);
      Objects.requireNonNull(escalateAfter, "escalateAfter");
      Objects.requireNonNull(expireAfter, "expireAfter");
    }

    public boolean requiredFor(Commission c, Phase phase) {
      return phases.contains(phase)
          || phase == Phase.EXECUTE
              && branchRegex != null
              && branchRegex.matcher(c.repo().baseRef()).matches()
          || phase == Phase.EXECUTE
              && c.autonomy().oneWayDoor() == Commission.OneWayDoor.REQUIRE_APPROVAL;
    }
  }

  /**
   * The rule-based judge: a change whose added lines match any {@code forbiddenPatterns} fails its
   * gate (final); used only where a workflow lists the {@code judge} gate.
   */
  public record Judge(List<Pattern> forbiddenPatterns) {
    public static final Judge NONE = new Judge(List.of());

    public Judge {
      forbiddenPatterns = List.copyOf(forbiddenPatterns);
    }
  }
}
