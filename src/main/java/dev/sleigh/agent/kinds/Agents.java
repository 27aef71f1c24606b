package dev.sleigh.agent.kinds;

import dev.sleigh.agent.Agent;
import dev.sleigh.agent.claude.ClaudeAgent;
import dev.sleigh.agent.claude.ClaudeSettings;
import dev.sleigh.agent.codex.CodexAgent;
import dev.sleigh.agent.codex.CodexOptions;
import dev.sleigh.agent.command.CommandAgent;
import dev.sleigh.agent.demo.DemoAgent;
import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Picks the adapter for the configured {@code agent.kind}. */
public final class Agents {
  /** The kinds this build knows, as operators write them. */
  public static final List<String> KINDS =
      List.of(CommandAgent.KIND, DemoAgent.KIND, CodexAgent.KIND, ClaudeAgent.KIND);

  private Agents() {}

  /**
   * The {@code agent} settings of {@code sleigh.md} as the adapters need them, in the words
   * operators write.
   *
   * @param command the argv of the agent program; an adapter with a default program takes empty as
   *     that default
   * @param env passed to the agent's processes on top of the minimal inherited one
   * @param approvalPolicy how the agent's own requests for approval are answered
   * @param readTimeout how long one request to a protocol-speaking agent may take
   * @param codexConfig {@code -c key=value} overrides for {@code codex}, in order
   * @param allowedTools tool rules for {@code claude}
   * @param codexSandbox the sandbox of every {@code codex} thread
   * @param tuning model, reasoning effort and extra arguments, for every kind but {@code demo}
   */
  public record Setup(
      String kind,
      List<String> command,
      Map<String, String> env,
      ApprovalPolicy approvalPolicy,
      Duration readTimeout,
      Map<String, String> codexConfig,
      List<String> allowedTools,
      String codexSandbox,
      AgentTuning tuning) {
    public Setup {
      Objects.requireNonNull(kind, "kind");
      command = List.copyOf(command);
      env = Map.copyOf(env);
      Objects.requireNonNull(approvalPolicy, "approvalPolicy");
      Objects.requireNonNull(readTimeout, "readTimeout");
      Objects.requireNonNull(codexConfig, "codexConfig");
      allowedTools = List.copyOf(allowedTools);
      Objects.requireNonNull(codexSandbox, "codexSandbox");
      Objects.requireNonNull(tuning, "tuning");
    }

    /** A setup with the default codex sandbox and no model, effort or extra arguments. */
    public Setup(
        String kind,
        List<String> command,
        Map<String, String> env,
        ApprovalPolicy approvalPolicy,
        Duration readTimeout,
        Map<String, String> codexConfig,
        List<String> allowedTools) {
      this(
          kind,
          command,
          env,
          approvalPolicy,
          readTimeout,
          codexConfig,
          allowedTools,
          CodexOptions.DEFAULT_SANDBOX,
          AgentTuning.DEFAULT);
    }

    /** A setup with every adapter-specific setting at its default. */
    public Setup(String kind, List<String> command, Map<String, String> env) {
      this(
          kind,
          command,
          env,
          ApprovalPolicy.WORKSPACE,
          CodexOptions.DEFAULT.readTimeout(),
          Map.of(),
          List.of());
    }
  }

  /**
   * The agent of {@code kind}: {@code command} runs {@code command} (an argv list); {@code demo}
   * ignores it. {@code env} is passed to the agent's processes on top of the minimal inherited one.
   */
  public static Agent create(
      String kind, List<String> command, Map<String, String> env, InstantSource clock) {
    return create(new Setup(kind, command, env), clock);
  }

  public static Agent create(Setup setup, InstantSource clock) {
    return switch (setup.kind()) {
      case CommandAgent.KIND ->
          new CommandAgent(
              CommandAgent.KIND,
              withExtra(setup.command(), setup.tuning()),
              CommandAgent.tuned(setup.env(), setup.tuning()),
              clock);
      case DemoAgent.KIND -> new DemoAgent(setup.env(), clock);
      case CodexAgent.KIND ->
          new CodexAgent(setup.command(), setup.env(), codex(setup), System.getenv(), clock);
      case ClaudeAgent.KIND ->
          new ClaudeAgent(
              new ClaudeSettings(
                  setup.command(),
                  setup.env(),
                  setup.approvalPolicy(),
                  setup.allowedTools(),
                  setup.tuning()),
              System.getenv(),
              clock);
      default ->
          throw new IllegalArgumentException(
              "unknown agent kind '"
                  + setup.kind()
                  + "'; known kinds: "
                  + String.join(", ", KINDS));
    };
  }

  private static CodexOptions codex(Setup setup) {
    return new CodexOptions(
        setup.approvalPolicy(),
        setup.readTimeout(),
        setup.codexConfig(),
        setup.codexSandbox(),
        setup.tuning());
  }

  private static List<String> withExtra(List<String> command, AgentTuning tuning) {
    List<String> argv = new ArrayList<>(command);
    if (!command.isEmpty()) {
      argv.addAll(tuning.extraArgs());
    }
    return argv;
  }
}
