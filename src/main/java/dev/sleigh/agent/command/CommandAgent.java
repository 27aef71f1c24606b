package dev.sleigh.agent.command;

import dev.sleigh.agent.Agent;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.ProgramLocator;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.domain.AgentTuning;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Any executable as an agent: each turn runs the configured argv once in the workspace, with the
 * prompt on stdin and in the file named by {@code SLEIGH_PROMPT_FILE}. Exit 0 completes the turn;
 * every output line counts as activity.
 */
public final class CommandAgent implements Agent {
  public static final String KIND = "command";

  private final String kind;
  private final List<String> argv;
  private final Map<String, String> env;
  private final InstantSource clock;

  public CommandAgent(List<String> argv, Map<String, String> env, InstantSource clock) {
    this(KIND, argv, env, clock);
  }

  /** A command agent under another name, for built-in programs such as the demo agent. */
  public CommandAgent(
      String kind, List<String> argv, Map<String, String> env, InstantSource clock) {
    if (argv == null || argv.isEmpty() || argv.getFirst().isBlank()) {
      throw new IllegalArgumentException("the " + kind + " agent needs a command (argv list)");
    }
    this.kind = kind;
    this.argv = List.copyOf(argv);
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  @Override
  public String kind() {
    return kind;
  }

  /**
   * Checks the program and the configured variables now, so that a missing one fails the launch,
   * finally and saying how to fix it, rather than every turn.
   */
  @Override
  public AgentSession start(SessionSpec spec) throws AgentLaunchException {
    Map<String, String> childEnv =
        ChildEnvironment.forAgent(System.getenv(), CommandSession.configuredEnv(env, spec));
    ProgramLocator.locate(argv.getFirst(), spec.workspace(), childEnv);
    return new CommandSession(new CommandSession.Setup(argv, env, spec), clock);
  }

  /**
   * {@code env} with the model and reasoning effort a command agent is told about, as {@code
   * SLEIGH_MODEL} and {@code SLEIGH_REASONING_EFFORT}, when they are set.
   */
  public static Map<String, String> tuned(Map<String, String> env, AgentTuning tuning) {
    Map<String, String> out = new HashMap<>(env);
    if (tuning.model() != null) {
      out.put("SLEIGH_MODEL", tuning.model());
    }
    if (tuning.reasoningEffort() != null) {
      out.put("SLEIGH_REASONING_EFFORT", tuning.reasoningEffort());
    }
    return out;
  }

  public List<String> argv() {
    return argv;
  }
}
