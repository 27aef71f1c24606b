package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Commission;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The commission's evidence commands run for its agent ({@code evidence_run} of the tool server):
 * the same commands, timeouts and facts as measure's, each in the workspace, every one run whatever
 * the one before showed, so the agent sees them all. What they show is the agent's check of itself,
 * never measure's verdict; the caller records it as such.
 *
 * @param logDir where each command's output goes: {@code agent-evidence-<name>.log}
 * @param env what every command gets besides the minimal variables: the run's tags and {@code
 *     evidence.env}
 */
public record AgentEvidence(
    Path workspace, Path logDir, Map<String, String> env, InstantSource clock, Duration grace) {

  public AgentEvidence {
    env = Map.copyOf(env);
  }

  /** One entry per evidence command: its name and the facts measure would record. */
  public List<Map<String, Object>> run(Commission c) throws InterruptedException {
    List<Map<String, Object>> results = new ArrayList<>();
    for (Commission.Evidence e : c.evidence()) {
      Instant start = clock.instant();
      ShellCommand.Outcome out =
          ShellCommand.run(
              new ShellCommand.Script(
                  e.command(),
                  workspace,
                  logDir.resolve("agent-evidence-" + e.name() + ".log"),
                  e.timeout(),
                  env),
              grace,
              new CompletableFuture<>());
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("name", e.name());
      facts.putAll(EvidenceChecks.facts(e, out, Duration.between(start, clock.instant())));
      results.add(facts);
    }
    return results;
  }
}
