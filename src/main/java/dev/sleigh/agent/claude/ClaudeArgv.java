package dev.sleigh.agent.claude;

import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The argv of one {@code claude} run: print mode, JSON lines out, the prompt on stdin. */
final class ClaudeArgv {
  /**
   * Appended to the system prompt so the agent can say it is done: without it every session would
   * run to {@code autonomy.max_turns}.
   */
  static final String DONE_INSTRUCTION = DoneContract.INSTRUCTION;

  private ClaudeArgv() {}

  /** The argv of {@code turn}; {@code resume} names the session a continuation turn goes on. */
  static List<String> of(ClaudeSettings settings, Turn turn, Optional<String> resume) {
    List<String> argv = new ArrayList<>(settings.command());
    argv.addAll(List.of("-p", "--output-format", "stream-json", "--verbose"));
    argv.addAll(List.of("--max-turns", Integer.toString(turn.maxTurns())));
    argv.addAll(List.of("--permission-mode", ClaudeSettings.permissionMode(settings.approval())));
    argv.addAll(List.of("--append-system-prompt", DONE_INSTRUCTION));
    resume.ifPresent(id -> argv.addAll(List.of("--resume", id)));
    if (!settings.allowedTools().isEmpty()) {
      // The option takes several values, so it comes last, where nothing can be taken for one.
      argv.add("--allowedTools");
      argv.addAll(settings.allowedTools());
    }
    return List.copyOf(argv);
  }
}
