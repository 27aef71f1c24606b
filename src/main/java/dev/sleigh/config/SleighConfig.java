package dev.sleigh.config;

import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import dev.sleigh.domain.Durations;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Safeguards;
import dev.sleigh.domain.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a {@code sleigh.md} configures (SPEC §5), defaults applied. The records refuse values
 * no runner could work with; their messages start with the key they are about ({@code
 * engine.lease_ttl: …}) so the reader can point at the line that set it.
 *
 * @param prompts the prompt template of each phase that has one
 */
public record SleighConfig(
    Engine engine,
    RetryPolicy retry,
    AgentSettings agent,
    WorkspaceSettings workspace,
    Workflow workflow,
    Map<Phase, PromptTemplate> prompts,
    Safeguards safeguards,
    ProjectionSettings projection) {

  /** A configuration that publishes no projections. */
  public SleighConfig(
      Engine engine,
      RetryPolicy retry,
      AgentSettings agent,
      WorkspaceSettings workspace,
      Workflow workflow,
      Map<Phase, PromptTemplate> prompts,
      Safeguards safeguards) {
    this(engine, retry, agent, workspace, workflow, prompts, safeguards, ProjectionSettings.NONE);
  }

  /** A configuration with the default hooks (none) and gates. */
  public SleighConfig(
      Engine engine,
      RetryPolicy retry,
      AgentSettings agent,
      WorkspaceSettings workspace,
      Workflow workflow,
      Map<Phase, PromptTemplate> prompts) {
    this(engine, retry, agent, workspace, workflow, prompts, Safeguards.DEFAULT);
  }

  public SleighConfig {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(safeguards, "safeguards");
    Objects.requireNonNull(projection, "projection");
    var copy = new EnumMap<Phase, PromptTemplate>(Phase.class);
    copy.putAll(prompts);
    prompts = Collections.unmodifiableMap(copy);
  }

  /** Every default, as if {@code baseDir} held a {@code sleigh.md} with empty front matter. */
  public static SleighConfig defaults(Path baseDir) {
    return new SleighConfig(
        Engine.DEFAULT,
        RetryPolicy.DEFAULT,
        AgentSettings.DEFAULT,
        WorkspaceSettings.resolve(baseDir, WorkspaceSettings.DEFAULT_ROOT),
        Workflow.DEFAULT,
        DefaultPrompts.ALL);
  }

  public Optional<PromptTemplate> prompt(Phase phase) {
    return Optional.ofNullable(prompts.get(phase));
  }

  public SleighConfig withPrompts(Map<Phase, PromptTemplate> replacement) {
    return new SleighConfig(
        engine, retry, agent, workspace, workflow, replacement, safeguards, projection);
  }

  /** How the runner loop paces itself and guards its leases (SPEC §4). */
  public record Engine(
      Duration pollInterval,
      int concurrency,
      Duration leaseTtl,
      Duration cancelGrace,
      boolean revalidateOnResume,
      Duration storeOutageLimit) {
    /** How long a runner rides through an unreachable store before it stops. */
    public static final Duration DEFAULT_STORE_OUTAGE_LIMIT = Duration.ofMinutes(10);

    public static final Engine DEFAULT =
        new Engine(
            Duration.ofSeconds(2),
            2,
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            true,
            DEFAULT_STORE_OUTAGE_LIMIT);

    /** The engine settings with the default store outage limit. */
    public Engine(
        Duration pollInterval,
        int concurrency,
        Duration leaseTtl,
        Duration cancelGrace,
        boolean revalidateOnResume) {
      this(
          pollInterval,
          concurrency,
          leaseTtl,
          cancelGrace,
          revalidateOnResume,
          DEFAULT_STORE_OUTAGE_LIMIT);
    }

    public Engine {
      requirePositive("engine.poll_interval", pollInterval);
      require(concurrency >= 1, "engine.concurrency: must be at least 1, was " + concurrency);
      // Heartbeats go out every ttl/3; below a second they would flood the store.
      require(
          leaseTtl.compareTo(Duration.ofSeconds(1)) >= 0,
          "engine.lease_ttl: must be at least 1s, was " + Durations.format(leaseTtl));
      requirePositive("engine.cancel_grace", cancelGrace);
      requirePositive("engine.store_outage_limit", storeOutageLimit);
    }
  }

  /** The agent adapters that exist. */
  public enum AgentKind {
    DEMO,
    COMMAND,
    CODEX,
    CLAUDE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentKind> fromWire(String text) {
      return Arrays.stream(values()).filter(k -> k.wire().equals(text)).findFirst();
    }

    /** Whether the operator must name the program, because the adapter has none of its own. */
    public boolean needsCommand() {
      return switch (this) {
        case DEMO -> false;
        case COMMAND -> true;
        case CODEX, CLAUDE -> false;
      };
    }

    /** The argv used when {@code agent.command} is empty. */
    public List<String> defaultCommand() {
      return switch (this) {
        case DEMO, COMMAND -> List.of();
        case CODEX -> List.of("codex", "app-server");
        case CLAUDE -> List.of("claude");
      };
    }
  }

  /**
   * Settings only the codex adapter reads.
   *
   * @param config {@code -c key=value} overrides passed to the codex app-server, in order
   * @param sandbox the sandbox every codex thread starts in ({@code agent.codex.sandbox})
   */
  public record CodexSettings(Map<String, String> config, String sandbox) {
    /** The sandbox modes codex knows, as it names them. */
    public static final List<String> SANDBOXES =
        List.of("read-only", "workspace-write", "danger-full-access");

    public static final String DEFAULT_SANDBOX = "workspace-write";

    public static final CodexSettings DEFAULT = new CodexSettings(Map.of(), DEFAULT_SANDBOX);

    public CodexSettings {
      config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
      for (String key : config.keySet()) {
        require(
            !key.isBlank() && key.strip().equals(key) && !key.contains("="),
            "agent.codex.config: '" + key + "' is not a config key (a dotted name without '=')");
      }
      sandbox = sandbox == null ? DEFAULT_SANDBOX : sandbox;
      require(
          SANDBOXES.contains(sandbox),
          "agent.codex.sandbox: '" + sandbox + "' is not one of " + String.join(", ", SANDBOXES));
      String sandboxMode = config.get("sandbox_mode");
      require(
          sandboxMode == null || sandboxMode.equals(sandbox),
          "agent.codex.config.sandbox_mode: "
              + sandboxMode
              + " contradicts agent.codex.sandbox ("
              + sandbox
              + "), which Sleigh sends with every thread and which wins; set agent.codex.sandbox"
              + " only");
      String approval = config.get("approval_policy");
      require(
          approval == null || approval.equals("on-request"),
          "agent.codex.config.approval_policy: "
              + approval
              + " would be overridden: Sleigh starts every thread with on-request, so that"
              + " codex asks and agent.approval_policy answers; remove it and set"
              + " agent.approval_policy");
    }

    /** Overrides only, in the default sandbox. */
    public CodexSettings(Map<String, String> config) {
      this(config, DEFAULT_SANDBOX);
    }
  }

  /**
   * Which agent runs, how it is started and how long it may stay silent or busy.
   *
   * @param command the argv of the agent program, never a shell string; empty means the kind's
   *     default program
   * @param env extra environment for the agent; nothing else of the runner's secrets is passed
   * @param readTimeout how long one request to an agent that speaks a protocol may take
   * @param allowedTools tool rules an agent may use without asking ({@code claude}: {@code
   *     --allowedTools})
   * @param tools whether each session is given Sleigh's tool server ({@code sleigh mcp}); {@code
   *     agent.tools: false} turns it off
   */
  public record AgentSettings(
      AgentKind kind,
      List<String> command,
      Map<String, String> env,
      Duration stallTimeout,
      Duration turnTimeout,
      ApprovalPolicy approvalPolicy,
      Duration readTimeout,
      CodexSettings codex,
      List<String> allowedTools,
      AgentTuning tuning,
      boolean tools) {
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    public static final AgentSettings DEFAULT =
        new AgentSettings(
            AgentKind.DEMO, List.of(), Map.of(), Duration.ofMinutes(5), Duration.ofHours(1));

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Settings with the default approval policy, read timeout and adapter settings. */
    public AgentSettings(
        AgentKind kind,
        List<String> command,
        Map<String, String> env,
        Duration stallTimeout,
        Duration turnTimeout) {
      this(
          kind,
          command,
          env,
          stallTimeout,
          turnTimeout,
          ApprovalPolicy.WORKSPACE,
          DEFAULT_READ_TIMEOUT,
          CodexSettings.DEFAULT,
          List.of(),
          AgentTuning.DEFAULT);
    }

    /** Settings that give every session Sleigh's tool server. */
    public AgentSettings(
        AgentKind kind,
        List<String> command,
        Map<String, String> env,
        Duration stallTimeout,
        Duration turnTimeout,
        ApprovalPolicy approvalPolicy,
        Duration readTimeout,
        CodexSettings codex,
        List<String> allowedTools,
        AgentTuning tuning) {
      this(
          kind,
          command,
          env,
          stallTimeout,
          turnTimeout,
          approvalPolicy,
          readTimeout,
          codex,
          allowedTools,
          tuning,
          true);
    }

    /** Settings without a model, reasoning effort or extra arguments of their own. */
    public AgentSettings(
        AgentKind kind,
        List<String> command,
        Map<String, String> env,
        Duration stallTimeout,
        Duration turnTimeout,
        ApprovalPolicy approvalPolicy,
        Duration readTimeout,
        CodexSettings codex,
        List<String> allowedTools) {
      this(
          kind,
          command,
          env,
          stallTimeout,
          turnTimeout,
          approvalPolicy,
          readTimeout,
          codex,
          allowedTools,
          AgentTuning.DEFAULT);
    }

    public AgentSettings {
      Objects.requireNonNull(kind, "kind");
      command = List.copyOf(command.isEmpty() ? kind.defaultCommand() : command);
      Objects.requireNonNull(approvalPolicy, "approvalPolicy");
      Objects.requireNonNull(codex, "codex");
      allowedTools = List.copyOf(allowedTools);
      require(
          allowedTools.stream().noneMatch(String::isBlank),
          "agent.allowed_tools: a tool rule must not be empty");
      env = Map.copyOf(env);
      require(command.stream().noneMatch(String::isBlank), "agent.command: must not be empty");
      require(
          !kind.needsCommand() || !command.isEmpty(),
          "agent.command: kind '" + kind.wire() + "' needs the agent program and its arguments");
      for (String name : env.keySet()) {
        require(
            ENV_NAME.matcher(name).matches(),
            "agent.env." + name + ": is not an environment variable name (letters, digits, '_')");
      }
      requirePositive("agent.stall_timeout", stallTimeout);
      requirePositive("agent.turn_timeout", turnTimeout);
      requirePositive("agent.read_timeout", readTimeout);
      Objects.requireNonNull(tuning, "tuning");
      switch (kind) {
        case CODEX -> AgentContradictions.refuseForCodex(tuning, codex.config());
        case CLAUDE -> AgentContradictions.refuseForClaude(tuning);
        case DEMO, COMMAND -> {
          // no other setting of theirs says the same as the tuning, so nothing can disagree
        }
      }
      require(
          kind != AgentKind.CLAUDE || approvalPolicy != ApprovalPolicy.ACCEPT_ALL,
          "agent.approval_policy: accept_all is not available for kind claude (Sleigh never runs"
              + " claude in the mode that skips every permission check); write workspace and name"
              + " the commands it may run in agent.allowed_tools");
    }
  }

  /** Where the per-commission workspaces live; always absolute. */
  /**
   * Where workspaces live on this host, how large one checkpoint of a workspace may be, and how
   * long the store keeps the checkpoints of a commission that has ended.
   */
  public record WorkspaceSettings(Path root, long maxCheckpointSize, Duration checkpointRetention) {
    public static final String DEFAULT_ROOT = ".sleigh/workspaces";
    public static final long DEFAULT_MAX_CHECKPOINT_SIZE = 100_000_000L;
    public static final Duration DEFAULT_CHECKPOINT_RETENTION = Duration.ofDays(30);

    public WorkspaceSettings {
      require(root != null && root.isAbsolute(), "workspace.root: must be an absolute path");
      root = root.normalize();
      require(
          maxCheckpointSize > 0,
          "workspace.max_checkpoint_size: must be larger than 0, was " + maxCheckpointSize);
      requirePositive("workspace.checkpoint_retention", checkpointRetention);
    }

    /** Workspaces under {@code root} with the default checkpoint size and retention. */
    public WorkspaceSettings(Path root) {
      this(root, DEFAULT_MAX_CHECKPOINT_SIZE, DEFAULT_CHECKPOINT_RETENTION);
    }

    /** {@code root} as written in {@code sleigh.md}: relative to the directory holding it. */
    public static WorkspaceSettings resolve(Path baseDir, String root) {
      return new WorkspaceSettings(baseDir.toAbsolutePath().resolve(root));
    }
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    require(value.isPositive(), key + ": must be longer than 0, was " + Durations.format(value));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
