package dev.sleigh.runtime;

import dev.sleigh.domain.CanonicalJson;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.store.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measure: runs each evidence command of the commission in the workspace with its timeout and
 * records exit code, duration, a digest and the tail of the output. All must pass.
 */
final class EvidenceChecks {
  private static final int TAIL_CHARS = 2_000;

  private final RunnerContext ctx;
  private final Commission commission;
  private final Journal journal;

  EvidenceChecks(RunnerContext ctx, Commission commission, Journal journal) {
    this.ctx = ctx;
    this.commission = commission;
    this.journal = journal;
  }

  PhaseResult run(Path workspace, int attempt) throws InterruptedException {
    for (Commission.Evidence e : commission.evidence()) {
      Map<String, Object> facts = check(workspace, e, attempt);
      if (!journal.write(new Command.RecordEvidence(commission.id(), journal.lease(),
          journal.commandId(Phase.MEASURE, attempt, "evidence:" + e.name()), Phase.MEASURE, e.name(), facts))) {
        return new PhaseResult.Stopped("lease lost");
      }
      if (!Boolean.TRUE.equals(facts.get("passed"))) {
        return new PhaseResult.Failed("evidence_failed:" + e.name(), true);
      }
    }
    return new PhaseResult.Passed();
  }

  private Map<String, Object> check(Path workspace, Commission.Evidence e, int attempt)
      throws InterruptedException {
    Path log = ctx.settings().logDir().resolve(commission.id())
        .resolve("measure-" + attempt + "-" + e.name() + ".log");
    Instant start = ctx.clock().instant();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("command", e.command());
    try {
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder(List.of("setsid", "bash", "-lc", e.command()))
          .directory(workspace.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      boolean exited = p.waitFor(e.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        ProcessTrees.kill(p.toHandle(), ctx.settings().timing().cancelGrace());
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      facts.put("exit_code", exited ? p.exitValue() : -1);
      facts.put("timed_out", !exited);
      facts.put("passed", exited && p.exitValue() == 0);
      facts.put("output_sha256", CanonicalJson.sha256(output));
      facts.put("output_tail", output.length() > TAIL_CHARS ? output.substring(output.length() - TAIL_CHARS) : output);
    } catch (IOException io) {
      facts.put("passed", false);
      facts.put("error", io.getMessage());
    }
    facts.put("duration_ms", Duration.between(start, ctx.clock().instant()).toMillis());
    return facts;
  }
}
