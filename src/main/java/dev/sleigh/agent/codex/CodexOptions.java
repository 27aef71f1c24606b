package dev.sleigh.agent.codex;

import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What only the codex adapter reads from {@code sleigh.md}.
 *
 * @param approvals how approval and permission requests are answered
 * @param readTimeout how long codex may take to answer one request
 * @param config {@code -c key=value} overrides for the app-server, in the order written
 * @param sandbox the sandbox every thread starts in ({@code agent.codex.sandbox})
 * @param tuning the model, reasoning effort and extra arguments
 */
public record CodexOptions(
    ApprovalPolicy approvals,
    Duration readTimeout,
    Map<String, String> config,
    String sandbox,
    AgentTuning tuning) {
  /** The sandbox modes of {@code thread/start}, as codex names them. */
  public static final List<String> SANDBOXES =
      List.of("read-only", "workspace-write", "danger-full-access");

  public static final String DEFAULT_SANDBOX = "workspace-write";

  public static final CodexOptions DEFAULT =
      new CodexOptions(ApprovalPolicy.WORKSPACE, Duration.ofSeconds(5), Map.of());

  public CodexOptions {
    Objects.requireNonNull(approvals, "approvals");
    if (readTimeout == null || !readTimeout.isPositive()) {
      throw new IllegalArgumentException("the codex read timeout must be longer than 0");
    }
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    if (!SANDBOXES.contains(sandbox)) {
      throw new IllegalArgumentException(
          "agent.codex.sandbox: '" + sandbox + "' is not one of " + String.join(", ", SANDBOXES));
    }
    Objects.requireNonNull(tuning, "tuning");
  }

  /** Options with the default sandbox and no model, effort or extra arguments. */
  public CodexOptions(ApprovalPolicy approvals, Duration readTimeout, Map<String, String> config) {
    this(approvals, readTimeout, config, DEFAULT_SANDBOX, AgentTuning.DEFAULT);
  }

  /**
   * {@code command} followed by one {@code -c key=value} pair per override, then the extra
   * arguments.
   */
  public List<String> argv(List<String> command) {
    return argv(command, Map.of());
  }

  /**
   * The same with {@code first}'s overrides before the configured ones, so that an operator's
   * {@code agent.codex.config} has the last word.
   */
  public List<String> argv(List<String> command, Map<String, String> first) {
    List<String> argv = new ArrayList<>(command);
    first.forEach(
        (key, value) -> {
          argv.add("-c");
          argv.add(key + "=" + value);
        });
    config.forEach(
        (key, value) -> {
          argv.add("-c");
          argv.add(key + "=" + value);
        });
    argv.addAll(tuning.extraArgs());
    return argv;
  }
}
