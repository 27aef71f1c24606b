package dev.sleigh.agent.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.ToolServer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The argv of one {@code claude} run: print mode, JSON lines out, the prompt on stdin. */
final class ClaudeArgv {
  /**
   * Appended to the system prompt so the agent can say it is done: without it every session would
   * run to {@code autonomy.max_turns}.
   */
  static final String DONE_INSTRUCTION = DoneContract.INSTRUCTION;

  private ClaudeArgv() {}

  /** The argv of a turn; {@code resume} names the session a continuation turn goes on. */
  static List<String> of(ClaudeSettings settings, Optional<String> resume) {
    return of(settings, resume, Optional.empty());
  }

  /**
   * The argv of a turn given Sleigh's tool server: {@code --mcp-config} with the server as JSON,
   * and its tools allowed without asking.
   */
  static List<String> of(
      ClaudeSettings settings, Optional<String> resume, Optional<ToolServer> tools) {
    List<String> argv = new ArrayList<>(settings.command());
    argv.addAll(List.of("-p", "--output-format", "stream-json", "--verbose"));
    // Sleigh's autonomy.max_turns counts Sleigh turns, not claude's model round-trips, so it is not
    // claude's --max-turns; an operator who wants that cap passes it in agent.extra_args.
    argv.addAll(List.of("--permission-mode", ClaudeSettings.permissionMode(settings.approval())));
    if (settings.tuning().model() != null) {
      argv.addAll(List.of("--model", settings.tuning().model()));
    }
    if (settings.tuning().reasoningEffort() != null) {
      argv.addAll(List.of("--effort", settings.tuning().reasoningEffort()));
    }
    tools.ifPresent(t -> argv.addAll(List.of("--mcp-config", mcpConfig(t))));
    argv.addAll(List.of("--append-system-prompt", DONE_INSTRUCTION));
    resume.ifPresent(id -> argv.addAll(List.of("--resume", id)));
    argv.addAll(settings.tuning().extraArgs());
    List<String> allowed = new ArrayList<>(settings.allowedTools());
    tools.ifPresent(t -> allowed.add("mcp__" + t.name()));
    if (!allowed.isEmpty()) {
      // The option takes several values, so it comes last, where nothing can be taken for one.
      argv.add("--allowedTools");
      argv.addAll(allowed);
    }
    return List.copyOf(argv);
  }

  /** {@code {"mcpServers": {name: {"type": "stdio", "command", "args", "env"}}}} as one string. */
  static String mcpConfig(ToolServer tools) {
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("type", "stdio");
    server.put("command", tools.program());
    server.put("args", tools.args());
    server.put("env", tools.env());
    try {
      return JSON.writeValueAsString(Map.of("mcpServers", Map.of(tools.name(), server)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
}
