package dev.sleigh.agent.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.agent.Agent;
import dev.sleigh.agent.AgentFailure;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.ProcessLaunch;
import dev.sleigh.agent.ProgramLocator;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.ToolServer;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codex as an agent ({@code agent.kind: codex}): {@code codex app-server} (or the configured
 * command) with one {@code -c key=value} per {@code agent.codex.config} entry, started in the
 * workspace for each phase attempt, stderr to the attempt's log.
 *
 * <p>An {@code agent.env} value written {@code ${NAME}} is the runner's own variable {@code NAME},
 * so an API key reaches codex from the environment the runner was started in and is never written
 * into {@code sleigh.md} or the store.
 */
public final class CodexAgent implements Agent {
  public static final String KIND = "codex";
  public static final List<String> DEFAULT_COMMAND = List.of("codex", "app-server");

  /** How to get the program when it is missing. */
  public static final String INSTALL =
      "install it with 'npm install -g @openai/codex', or set agent.command to its path";

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final List<String> command;
  private final Map<String, String> env;
  private final CodexOptions options;
  private final Map<String, String> runnerEnv;
  private final InstantSource clock;

  /**
   * @param command the program and its leading arguments; empty means {@link #DEFAULT_COMMAND}
   * @param runnerEnv the runner's environment, read only for {@code ${NAME}} references
   */
  public CodexAgent(
      List<String> command,
      Map<String, String> env,
      CodexOptions options,
      Map<String, String> runnerEnv,
      InstantSource clock) {
    this.command = command.isEmpty() ? DEFAULT_COMMAND : List.copyOf(command);
    if (this.command.getFirst().isBlank()) {
      throw new IllegalArgumentException("the codex agent needs a program to run");
    }
    this.env = Map.copyOf(env);
    this.options = options;
    this.runnerEnv = Map.copyOf(runnerEnv);
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Checks the program exists now, so a missing one says how to install it. */
  @Override
  public AgentSession start(SessionSpec spec) throws AgentLaunchException {
    Map<String, String> environment = environment(spec);
    ProgramLocator.locate(
        command.getFirst(),
        spec.workspace(),
        ChildEnvironment.of(System.getenv(), environment),
        INSTALL);
    ProcessLaunch launch =
        new ProcessLaunch(
            argv(spec.toolServer()), spec.workspace(), environment, "", spec.logFile(), false);
    return CodexSession.open(launch, spec, options, clock);
  }

  /** The full argv: the command, then the {@code -c} overrides. */
  public List<String> argv() {
    return options.argv(command);
  }

  /** The argv of a session: Sleigh's tool server, when it has one, as {@code mcp_servers}. */
  List<String> argv(Optional<ToolServer> tools) {
    return options.argv(command, tools.map(CodexAgent::mcpServer).orElse(Map.of()));
  }

  /**
   * The {@code -c} overrides that declare {@code tools} under {@code mcp_servers.<name>}; the
   * values are TOML, which a JSON string or array of strings is. It starts a JVM, so it gets longer
   * than codex's default to start, and as long as an evidence run may take to answer.
   */
  static Map<String, String> mcpServer(ToolServer tools) {
    String key = "mcp_servers." + tools.name() + ".";
    Map<String, String> out = new LinkedHashMap<>();
    out.put(key + "command", toml(tools.program()));
    out.put(key + "args", toml(tools.args()));
    tools.env().forEach((name, value) -> out.put(key + "env." + name, toml(value)));
    out.put(key + "startup_timeout_sec", "60");
    out.put(key + "tool_timeout_sec", "3600");
    return out;
  }

  private static String toml(Object value) {
    try {
      return TOML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper TOML = new ObjectMapper();

  /** {@code agent.env}, then the session's, then Sleigh's own variables; references resolved. */
  Map<String, String> environment(SessionSpec spec) throws AgentLaunchException {
    Map<String, String> configured = new HashMap<>(env);
    configured.putAll(spec.env());
    List<String> missing = ChildEnvironment.missing(runnerEnv, configured);
    if (!missing.isEmpty()) {
      throw new AgentLaunchException(AgentFailure.ENV_MISSING, String.join("; ", missing));
    }
    Map<String, String> out = new HashMap<>();
    for (var e : configured.entrySet()) {
      Matcher m = REFERENCE.matcher(e.getValue());
      out.put(e.getKey(), m.matches() ? runnerEnv.get(m.group(1)) : e.getValue());
    }
    out.put("SLEIGH_COMMISSION_ID", spec.commission().id());
    out.put("SLEIGH_PHASE", spec.phase().wire());
    out.put("SLEIGH_ATTEMPT", Integer.toString(spec.attempt()));
    out.put("SLEIGH_WORKSPACE", spec.workspace().toAbsolutePath().toString());
    return out;
  }
}
