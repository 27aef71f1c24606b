package dev.sleigh.agent.claude;

import dev.sleigh.agent.DoneContract;
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

  /** The argv of a turn; {@code resume} names the session a continuation turn goes on. */
  static List<String> of(ClaudeSettings settings, Optional<String> resume) {
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
    argv.addAll(List.of("--append-system-prompt", DONE_INSTRUCTION));
    resume.ifPresent(id -> argv.addAll(List.of("--resume", id)));
    argv.addAll(settings.tuning().extraArgs());
    if (!settings.allowedTools().isEmpty()) {
      // The option takes several values, so it comes last, where nothing can be taken for one.
      argv.add("--allowedTools");
      argv.addAll(settings.allowedTools());
    }
    return List.copyOf(argv);
  }
}
