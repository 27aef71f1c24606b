package dev.sleigh.config;

import dev.sleigh.config.SleighConfig.AgentKind;
import dev.sleigh.config.SleighConfig.AgentSettings;
import dev.sleigh.config.SleighConfig.CodexSettings;
import dev.sleigh.config.SleighConfig.Engine;
import dev.sleigh.config.SleighConfig.WorkspaceSettings;
import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import dev.sleigh.domain.Durations;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the front matter of a {@code sleigh.md} into a {@link SleighConfig} with the default
 * prompts. An absent key, or one written without a value, keeps its default.
 */
final class SettingsMapper {
  private static final List<String> SECTIONS =
      List.of(
          "engine",
          "retry",
          "agent",
          "workspace",
          "workflow",
          "hooks",
          "gates",
          "evidence",
          "projection");
  private final Path baseDir;

  SettingsMapper(Path baseDir) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
  }

  SleighConfig map(LocatedNode root) {
    if (!root.node().isObject()) {
      throw root.fail("expected a mapping of settings such as 'engine:' and 'agent:'");
    }
    // each section is read on its own, so that a mistake in one does not hide those of the others
    Problems problems = new Problems();
    problems.check(() -> root.mapping(SECTIONS));
    Engine engine = problems.read(() -> engine(root.field("engine")));
    RetryPolicy retry = problems.read(() -> retry(root.field("retry")));
    AgentSettings agent = problems.read(() -> agent(root.field("agent")));
    WorkspaceSettings workspace = problems.read(() -> workspace(root.field("workspace")));
    Workflow workflow = problems.read(() -> workflow(root.field("workflow")));
    var safeguards =
        problems.read(
            () ->
                SafeguardsMapper.map(
                    root.field("hooks"),
                    root.field("gates"),
                    root.field("workflow").field("phases"),
                    root.field("evidence")));
    ProjectionSettings projection =
        problems.read(() -> ProjectionMapper.map(root.field("projection")));
    problems.throwAny();
    return new SleighConfig(
        engine, retry, agent, workspace, workflow, DefaultPrompts.ALL, safeguards, projection);
  }

  private static Engine engine(LocatedNode e) {
    checkKeys(
        e,
        "poll_interval",
        "concurrency",
        "lease_ttl",
        "cancel_grace",
        "revalidate_on_resume",
        "store_outage_limit");
    Engine d = Engine.DEFAULT;
    Duration poll = or(e.field("poll_interval"), LocatedNode::duration, d.pollInterval());
    int concurrency = or(e.field("concurrency"), SettingsMapper::count, d.concurrency());
    Duration ttl = or(e.field("lease_ttl"), LocatedNode::duration, d.leaseTtl());
    Duration grace = or(e.field("cancel_grace"), LocatedNode::duration, d.cancelGrace());
    boolean revalidate =
        or(e.field("revalidate_on_resume"), LocatedNode::bool, d.revalidateOnResume());
    Duration outage =
        or(e.field("store_outage_limit"), LocatedNode::duration, d.storeOutageLimit());
    return ConfigValues.built(
        e, () -> new Engine(poll, concurrency, ttl, grace, revalidate, outage));
  }

  private static RetryPolicy retry(LocatedNode r) {
    checkKeys(
        r,
        "max_attempts_per_phase",
        "max_attempts_total",
        "backoff_base",
        "backoff_max",
        "max_lease_expiries");
    RetryPolicy d = RetryPolicy.DEFAULT;
    int perPhase =
        or(r.field("max_attempts_per_phase"), SettingsMapper::count, d.maxAttemptsPerPhase());
    int total = or(r.field("max_attempts_total"), SettingsMapper::count, d.maxAttemptsTotal());
    Duration base = or(r.field("backoff_base"), LocatedNode::duration, d.backoffBase());
    Duration max = or(r.field("backoff_max"), LocatedNode::duration, d.backoffMax());
    int expiries = or(r.field("max_lease_expiries"), SettingsMapper::count, d.maxLeaseExpiries());
    if (max.compareTo(base) < 0) {
      LocatedNode at = r.field(r.field("backoff_max").present() ? "backoff_max" : "backoff_base");
      throw at.fail(
          "backoff_max (" + format(max) + ") must be at least backoff_base (" + format(base) + ")");
    }
    return ConfigValues.built(r, () -> new RetryPolicy(perPhase, total, base, max, expiries));
  }

  private static AgentSettings agent(LocatedNode a) {
    checkKeys(
        a,
        "kind",
        "command",
        "env",
        "stall_timeout",
        "turn_timeout",
        "approval_policy",
        "read_timeout",
        "codex",
        "allowed_tools",
        "model",
        "reasoning_effort",
        "extra_args",
        "tools");
    AgentSettings d = AgentSettings.DEFAULT;
    AgentKind kind = or(a.field("kind"), SettingsMapper::kind, d.kind());
    List<String> command = or(a.field("command"), LocatedNode::texts, d.command());
    Map<String, String> env = or(a.field("env"), ConfigValues::env, d.env());
    Duration stall = or(a.field("stall_timeout"), LocatedNode::duration, d.stallTimeout());
    Duration turn = or(a.field("turn_timeout"), LocatedNode::duration, d.turnTimeout());
    ApprovalPolicy approvals =
        or(a.field("approval_policy"), SettingsMapper::approvalPolicy, d.approvalPolicy());
    Duration read = or(a.field("read_timeout"), LocatedNode::duration, d.readTimeout());
    CodexSettings codex = or(a.field("codex"), SettingsMapper::codex, d.codex());
    List<String> tools = or(a.field("allowed_tools"), LocatedNode::texts, d.allowedTools());
    AgentTuning tuning = tuning(a);
    boolean toolServer = or(a.field("tools"), LocatedNode::bool, d.tools());
    return ConfigValues.built(
        a,
        () ->
            new AgentSettings(
                kind,
                command,
                env,
                stall,
                turn,
                approvals,
                read,
                codex,
                tools,
                tuning,
                toolServer));
  }

  private static AgentTuning tuning(LocatedNode a) {
    AgentTuning d = AgentTuning.DEFAULT;
    String model = or(a.field("model"), LocatedNode::text, d.model());
    String effort = or(a.field("reasoning_effort"), LocatedNode::text, d.reasoningEffort());
    List<String> extra = or(a.field("extra_args"), LocatedNode::texts, d.extraArgs());
    return ConfigValues.built(a, () -> new AgentTuning(model, effort, extra));
  }

  private static CodexSettings codex(LocatedNode c) {
    checkKeys(c, "config", "sandbox");
    String sandbox = or(c.field("sandbox"), LocatedNode::text, CodexSettings.DEFAULT_SANDBOX);
    LocatedNode config = c.field("config");
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : config.keys()) {
      if (key.isBlank() || key.contains("=")) {
        throw config.field(key).fail("is not a config key (a dotted name without '=')");
      }
      values.put(key, codexValue(config.field(key)));
    }
    return ConfigValues.built(c, () -> new CodexSettings(values, sandbox));
  }

  /** A {@code -c} value: a string, number or boolean, handed to codex as written. */
  private static String codexValue(LocatedNode value) {
    if (!value.present() || value.node().isContainerNode()) {
      throw value.fail(
          "expected a string, number or boolean (write lists and tables as a TOML"
              + " string, e.g. '[\"a\"]')");
    }
    return value.node().asText();
  }

  private WorkspaceSettings workspace(LocatedNode w) {
    checkKeys(w, "root", "max_checkpoint_size", "checkpoint_retention");
    LocatedNode root = w.field("root");
    String written = or(root, LocatedNode::text, WorkspaceSettings.DEFAULT_ROOT);
    if (written.isBlank()) {
      throw root.fail("must not be empty");
    }
    Path resolved;
    try {
      resolved = baseDir.resolve(written);
    } catch (InvalidPathException e) {
      throw root.fail("invalid path '" + written + "': " + e.getReason());
    }
    long maxSize =
        or(
            w.field("max_checkpoint_size"),
            LocatedNode::byteSize,
            WorkspaceSettings.DEFAULT_MAX_CHECKPOINT_SIZE);
    Duration retention =
        or(
            w.field("checkpoint_retention"),
            LocatedNode::duration,
            WorkspaceSettings.DEFAULT_CHECKPOINT_RETENTION);
    return ConfigValues.built(w, () -> new WorkspaceSettings(resolved, maxSize, retention));
  }

  private static Workflow workflow(LocatedNode w) {
    checkKeys(w, "phases");
    LocatedNode phases = w.field("phases");
    if (!phases.present()) {
      return Workflow.DEFAULT;
    }
    // The mapping form names each phase with its gates; its keys are the pipeline.
    List<Phase> list =
        phases.node().isObject()
            ? phases.keys().stream()
                .map(
                    k ->
                        Phase.fromWire(k)
                            .orElseThrow(() -> phases.field(k).fail("'" + k + "' is not a phase")))
                .toList()
            : phases.elements().stream().map(SettingsMapper::phase).toList();
    return ConfigValues.built(w, () -> new Workflow(list));
  }

  /** Refuses keys a present section does not know; an absent section keeps every default. */
  private static void checkKeys(LocatedNode section, String... keys) {
    if (section.present()) {
      section.mapping(List.of(keys));
    }
  }

  private static <T> T or(LocatedNode node, Function<LocatedNode, T> read, T fallback) {
    return node.present() ? read.apply(node) : fallback;
  }

  private static int count(LocatedNode node) {
    return (int) node.integer(1, Integer.MAX_VALUE);
  }

  private static AgentKind kind(LocatedNode node) {
    String text = node.text();
    return AgentKind.fromWire(text).orElseThrow(() -> invalid(node, text, AgentKind.values()));
  }

  private static ApprovalPolicy approvalPolicy(LocatedNode node) {
    String text = node.text();
    if (ApprovalPolicy.FORMER_ACCEPT_ALL.equals(text)) {
      throw node.fail(
          "auto is now called accept_all, which accepts every request of the agent to act"
              + " outside its sandbox; write accept_all to keep that, or workspace (the default),"
              + " which declines those requests and accepts what stays in the workspace");
    }
    return ApprovalPolicy.fromWire(text)
        .orElseThrow(() -> invalid(node, text, ApprovalPolicy.values()));
  }

  private static Phase phase(LocatedNode node) {
    String text = node.text();
    return Phase.fromWire(text).orElseThrow(() -> invalid(node, text, Phase.values()));
  }

  private static LocatedFileException invalid(LocatedNode node, String text, Enum<?>[] values) {
    String expected =
        String.join(
            ", ", Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
    return node.fail("invalid value '" + text + "'; expected one of " + expected);
  }

  private static String format(Duration d) {
    return Durations.format(d);
  }
}
