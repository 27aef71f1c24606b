package dev.sleigh.config;

import dev.sleigh.domain.Gate;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Safeguards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code hooks}, {@code gates} and the per-phase gate lists of {@code workflow.phases} (the
 * mapping form {@code phases: {execute: {gates: [...]}}}) into {@link Safeguards}.
 */
final class SafeguardsMapper {
  private SafeguardsMapper() {}

  static Safeguards map(
      LocatedNode hooks, LocatedNode gates, LocatedNode phases, LocatedNode evidence) {
    Safeguards.Hooks h = hooks(hooks);
    checkKeys(evidence, "env");
    Map<String, String> evidenceEnv =
        SettingsMapper.variables(evidence.field("env"), "evidence.env");
    Map<Phase, List<Gate>> lists =
        phases.present() && phases.node().isObject() ? gateLists(phases) : Map.of();
    checkKeys(gates, "human", "judge");
    Safeguards.HumanGate human = human(gates.field("human"));
    Safeguards.Judge judge = judge(gates.field("judge"));
    return SettingsMapper.built(
        phases.present() ? phases : gates,
        () -> new Safeguards(h, lists, human, judge, evidenceEnv));
  }

  private static Safeguards.Hooks hooks(LocatedNode node) {
    List<String> points =
        java.util.Arrays.stream(Safeguards.HookPoint.values())
            .map(Safeguards.HookPoint::wire)
            .toList();
    List<String> keys = new java.util.ArrayList<>(points);
    keys.add("timeout");
    keys.add("env");
    checkKeys(node, keys.toArray(String[]::new));
    Map<Safeguards.HookPoint, Safeguards.Hook> hooks = new EnumMap<>(Safeguards.HookPoint.class);
    for (Safeguards.HookPoint point : Safeguards.HookPoint.values()) {
      LocatedNode hook = node.field(point.wire());
      if (hook.present()) {
        hooks.put(point, hook(hook));
      }
    }
    Duration timeout =
        node.field("timeout").present()
            ? node.field("timeout").duration()
            : Safeguards.Hooks.DEFAULT_TIMEOUT;
    Map<String, String> env = SettingsMapper.variables(node.field("env"), "hooks.env");
    return SettingsMapper.built(node, () -> new Safeguards.Hooks(hooks, timeout, env));
  }

  /** A hook is a script, or {@code {run: script, policy: blocking|warning}}. */
  private static Safeguards.Hook hook(LocatedNode node) {
    if (!node.node().isObject()) {
      return new Safeguards.Hook(nonBlank(node), Safeguards.HookPolicy.BLOCKING);
    }
    node.mapping(List.of("run", "policy"));
    String script = nonBlank(node.field("run").required());
    Safeguards.HookPolicy policy = Safeguards.HookPolicy.BLOCKING;
    if (node.field("policy").present()) {
      String text = node.field("policy").text();
      try {
        policy = Safeguards.HookPolicy.valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw node.field("policy")
            .fail("invalid value '" + text + "'; expected one of blocking, warning");
      }
    }
    return new Safeguards.Hook(script, policy);
  }

  private static Map<Phase, List<Gate>> gateLists(LocatedNode phases) {
    Map<Phase, List<Gate>> lists = new LinkedHashMap<>();
    for (String name : phases.keys()) {
      LocatedNode phase = phases.field(name);
      Phase p = Phase.fromWire(name).orElseThrow(() -> phase.fail("'" + name + "' is not a phase"));
      checkKeys(phase, "gates");
      if (phase.field("gates").present()) {
        List<String> gates = phase.field("gates").texts();
        List<Gate> listed = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
          Optional<Gate> gate = Gate.fromWire(gates.get(i)).filter(g -> g.guards(p));
          if (gate.isEmpty()) {
            throw phase
                .field("gates")
                .elements()
                .get(i)
                .fail(
                    "'"
                        + gates.get(i)
                        + "' is not a gate of "
                        + name
                        + "; gates of "
                        + name
                        + ": "
                        + gatesOf(p));
          }
          listed.add(gate.get());
        }
        lists.put(p, listed);
      }
    }
    return lists;
  }

  private static String gatesOf(Phase p) {
    return String.join(
        ", ",
        Arrays.stream(Gate.values()).filter(g -> g.guards(p)).map(Gate::wire).sorted().toList());
  }

  private static Safeguards.HumanGate human(LocatedNode node) {
    checkKeys(node, "phases", "branch_regex", "escalate_after", "expire_after");
    Safeguards.HumanGate d = Safeguards.HumanGate.DEFAULT;
    Set<Phase> phases = new HashSet<>();
    for (LocatedNode element : node.field("phases").elements()) {
      phases.add(
          Phase.fromWire(element.text())
              .orElseThrow(() -> element.fail("'" + element.text() + "' is not a phase")));
    }
    Pattern regex =
        node.field("branch_regex").present()
            ? pattern(node.field("branch_regex"))
            : d.branchRegex();
    Duration escalate =
        node.field("escalate_after").present()
            ? node.field("escalate_after").duration()
            : d.escalateAfter();
    Duration expire =
        node.field("expire_after").present()
            ? node.field("expire_after").duration()
            : d.expireAfter();
    return new Safeguards.HumanGate(phases, regex, escalate, expire);
  }

  private static Safeguards.Judge judge(LocatedNode node) {
    checkKeys(node, "forbidden_patterns");
    return new Safeguards.Judge(
        node.field("forbidden_patterns").elements().stream()
            .map(SafeguardsMapper::pattern)
            .toList());
  }

  private static Pattern pattern(LocatedNode node) {
    try {
      return Pattern.compile(node.text());
    } catch (PatternSyntaxException e) {
      throw node.fail("not a regular expression: " + e.getDescription());
    }
  }

  private static String nonBlank(LocatedNode node) {
    String text = node.text();
    if (text.isBlank()) {
      throw node.fail("must not be empty");
    }
    return text;
  }

  private static void checkKeys(LocatedNode section, String... keys) {
    if (section.present()) {
      section.mapping(List.of(keys));
    }
  }
}
