package dev.sleigh.agent.claude;

import dev.sleigh.agent.Agent;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.ProgramLocator;
import dev.sleigh.agent.SessionSpec;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code claude} program as an agent ({@code agent.kind: claude}): each turn runs {@code claude
 * -p --output-format stream-json --verbose} in the workspace with the prompt on stdin; continuation
 * turns add {@code --resume <session>}. See {@link ClaudeArgv} for the flags and {@link
 * ResultVerdict} for how a run becomes a turn outcome.
 *
 * <p>Choosing this kind is what configures the model credentials for it: the variables in {@link
 * #PASSED_THROUGH} are passed from the runner's environment to this agent only, so an API key is
 * exported where the runner starts and is never written into {@code sleigh.md} or the store.
 */
public final class ClaudeAgent implements Agent {
  public static final String KIND = "claude";

  /** How to get the program when it is missing. */
  public static final String INSTALL =
      "install it with 'npm install -g @anthropic-ai/claude-code', or set agent.command to its"
          + " path";

  /** The runner's variables this agent gets when they are set; {@code agent.env} overrides them. */
  public static final List<String> PASSED_THROUGH =
      List.of(
          "ANTHROPIC_API_KEY",
          "ANTHROPIC_AUTH_TOKEN",
          "ANTHROPIC_BASE_URL",
          "ANTHROPIC_MODEL",
          "CLAUDE_CODE_OAUTH_TOKEN",
          "CLAUDE_CONFIG_DIR");

  private final ClaudeSettings settings;
  private final Map<String, String> runnerEnv;
  private final InstantSource clock;

  /**
   * @param runnerEnv the runner's own environment, of which only {@link #PASSED_THROUGH} (and what
   *     every agent inherits) reaches the program
   */
  public ClaudeAgent(ClaudeSettings settings, Map<String, String> runnerEnv, InstantSource clock) {
    this.settings = settings;
    this.runnerEnv = Map.copyOf(runnerEnv);
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /**
   * Checks the program and the configured variables now, so that a missing one fails the launch,
   * finally and saying how to fix it, rather than every turn.
   */
  @Override
  public AgentSession start(SessionSpec spec) throws AgentLaunchException {
    Map<String, String> env = environment(spec);
    ProgramLocator.locate(
        settings.command().getFirst(),
        spec.workspace(),
        ChildEnvironment.forAgent(System.getenv(), env),
        INSTALL);
    return new ClaudeSession(new ClaudeSession.Setup(settings, env, spec), clock);
  }

  /** Passed-through credentials, then {@code agent.env}, the session's, then Sleigh's own. */
  Map<String, String> environment(SessionSpec spec) {
    Map<String, String> env = new HashMap<>();
    for (String name : PASSED_THROUGH) {
      String value = runnerEnv.get(name);
      if (value != null && !value.isEmpty()) {
        env.put(name, value);
      }
    }
    env.putAll(settings.env());
    env.putAll(spec.env());
    env.put("SLEIGH_COMMISSION_ID", spec.commission().id());
    env.put("SLEIGH_PHASE", spec.phase().wire());
    env.put("SLEIGH_ATTEMPT", Integer.toString(spec.attempt()));
    env.put("SLEIGH_WORKSPACE", spec.workspace().toAbsolutePath().toString());
    return env;
  }

  public ClaudeSettings settings() {
    return settings;
  }
}
