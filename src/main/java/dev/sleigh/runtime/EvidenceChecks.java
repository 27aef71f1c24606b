package dev.sleigh.runtime;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Phase;
import dev.sleigh.store.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Measure: runs each evidence command of the commission in the workspace with its timeout and
 * records exit code, duration, a digest and the tail of the output. All must pass. A command still
 * running when the run is cancelled (a cancelled commission, a lost lease, a shutdown) is ended
 * within the grace and recorded as nothing.
 */
final class EvidenceChecks {
  private static final int TAIL_CHARS = 2_000;

  private final RunnerContext ctx;
  private final Commission commission;
  private final Journal journal;
  private final CompletableFuture<?> cancel;

  EvidenceChecks(
      RunnerContext ctx, Commission commission, Journal journal, CompletableFuture<?> cancel) {
    this.ctx = ctx;
    this.commission = commission;
    this.journal = journal;
    this.cancel = cancel;
  }

  PhaseResult run(Path workspace, int attempt) throws InterruptedException {
    for (Commission.Evidence e : commission.evidence()) {
      if (!journal.confirmLease()) {
        return new PhaseResult.Stopped("lease lost");
      }
      Optional<Map<String, Object>> checked = check(workspace, e, attempt);
      if (checked.isEmpty()) {
        return new PhaseResult.Stopped("cancelled during evidence " + e.name());
      }
      Map<String, Object> facts = checked.get();
      if (!journal.write(
          new Command.RecordEvidence(
              commission.id(),
              journal.lease(),
              journal.commandId(Phase.MEASURE, attempt, "evidence:" + e.name()),
              Phase.MEASURE,
              e.name(),
              facts))) {
        return new PhaseResult.Stopped("lease lost");
      }
      if (!Boolean.TRUE.equals(facts.get("passed"))) {
        return new PhaseResult.Failed("evidence_failed:" + e.name(), true);
      }
    }
    return new PhaseResult.Passed();
  }

  /** What the command showed; empty when it was cancelled before it could show anything. */
  private Optional<Map<String, Object>> check(Path workspace, Commission.Evidence e, int attempt)
      throws InterruptedException {
    Path log =
        ctx.settings()
            .logDir()
            .resolve(commission.id())
            .resolve("measure-" + attempt + "-" + e.name() + ".log");
    Instant start = ctx.clock().instant();
    ShellCommand.Outcome out =
        ShellCommand.run(
            new ShellCommand.Script(
                e.command(),
                workspace,
                log,
                e.timeout(),
                journal.tags().onto(ctx.settings().safeguards().evidenceEnv())),
            ctx.settings().timing().cancelGrace(),
            cancel);
    if (out.cancelled()) {
      return Optional.empty();
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("command", e.command());
    facts.put("exit_code", out.exitCode());
    facts.put("timed_out", out.timedOut());
    facts.put("passed", out.passed());
    facts.put("output_sha256", out.outputSha256());
    facts.put("output_tail", out.outputTail());
    if (out.error() != null) {
      facts.put("error", out.error());
    }
    facts.put("duration_ms", Duration.between(start, ctx.clock().instant()).toMillis());
    return Optional.of(facts);
  }
}
