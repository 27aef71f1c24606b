package dev.sleigh.domain;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an operator chooses about the agent's model and program, whatever the agent kind: {@code
 * agent.model}, {@code agent.reasoning_effort} and {@code agent.extra_args}. Each adapter sends
 * them where its program reads them (codex: {@code thread/start} and {@code turn/start}; claude:
 * {@code --model}, {@code --effort}; a command agent: {@code SLEIGH_MODEL}, {@code
 * SLEIGH_REASONING_EFFORT}); extra arguments go after the adapter's own.
 *
 * @param model the model's name; null: the program's own default
 * @param reasoningEffort how hard the model thinks ({@code low}, {@code medium}, {@code high}, …,
 *     as the program names it); null: the program's default
 * @param extraArgs arguments added to the program's command line
 */
public record AgentTuning(String model, String reasoningEffort, List<String> extraArgs) {
  public static final AgentTuning DEFAULT = new AgentTuning(null, null, List.of());

  private static final Pattern EFFORT = Pattern.compile("[a-z][a-z_-]{0,31}");

  public AgentTuning {
    if (model != null && (model.isBlank() || !model.strip().equals(model))) {
      throw new IllegalArgumentException(
          "agent.model: must be a model name without surrounding blanks, was '" + model + "'");
    }
    if (reasoningEffort != null && !EFFORT.matcher(reasoningEffort).matches()) {
      throw new IllegalArgumentException(
          "agent.reasoning_effort: must be a level such as low, medium or high, was '"
              + reasoningEffort
              + "'");
    }
    extraArgs = List.copyOf(Objects.requireNonNull(extraArgs, "extraArgs"));
    if (extraArgs.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("agent.extra_args: an argument must not be empty");
    }
  }
}
