package dev.sleigh.agent.codex;

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
 */
public record CodexOptions(
    ApprovalPolicy approvals, Duration readTimeout, Map<String, String> config) {
  public static final CodexOptions DEFAULT =
      new CodexOptions(ApprovalPolicy.WORKSPACE, Duration.ofSeconds(5), Map.of());

  public CodexOptions {
    Objects.requireNonNull(approvals, "approvals");
    if (readTimeout == null || !readTimeout.isPositive()) {
      throw new IllegalArgumentException("the codex read timeout must be longer than 0");
    }
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** {@code command} followed by one {@code -c key=value} pair per override. */
  public List<String> argv(List<String> command) {
    List<String> argv = new ArrayList<>(command);
    config.forEach(
        (key, value) -> {
          argv.add("-c");
          argv.add(key + "=" + value);
        });
    return argv;
  }
}
