package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Commission;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Measure's {@code evidence_passed}: runs each evidence command of the commission in the workspace
 * with its timeout and records exit code, duration, a digest and the tail of the output. All must
 * pass. A command still running when the run is cancelled (a cancelled commission, a lost lease, a
 * shutdown) is ended within the grace and recorded as nothing.
 */
final class EvidenceChecks {
  private final Shell shell;
  private final PhaseJournal journal;
  private final InstantSource clock;
  private final StepSettings settings;

  EvidenceChecks(Shell shell, PhaseJournal journal, InstantSource clock, StepSettings settings) {
    this.shell = shell;
    this.journal = journal;
    this.clock = clock;
    this.settings = settings;
  }

  PhaseResult run(Path workspace, PhaseAttempt at) throws InterruptedException {
    for (Commission.Evidence e : at.record().spec().evidence()) {
      if (!journal.confirmLease()) {
        return new PhaseResult.Stopped("lease lost");
      }
      Optional<Map<String, Object>> checked = check(workspace, e, at);
      if (checked.isEmpty()) {
        return new PhaseResult.Stopped("cancelled during evidence " + e.name());
      }
      Map<String, Object> facts = checked.get();
      if (!journal.evidence(at, e.name(), facts)) {
        return new PhaseResult.Stopped("lease lost");
      }
      if (!Boolean.TRUE.equals(facts.get("passed"))) {
        return new PhaseResult.Failed("evidence_failed:" + e.name(), true);
      }
    }
    return new PhaseResult.Passed();
  }

  /** What the command showed; empty when it was cancelled before it could show anything. */
  private Optional<Map<String, Object>> check(
      Path workspace, Commission.Evidence e, PhaseAttempt at) throws InterruptedException {
    Path log = settings.logFile(at, "-" + e.name());
    Instant start = clock.instant();
    ShellCommand.Outcome out =
        shell.run(
            new ShellCommand.Script(
                e.command(),
                workspace,
                log,
                e.timeout(),
                journal.tagged(settings.safeguards().evidenceEnv())));
    if (out.cancelled()) {
      return Optional.empty();
    }
    return Optional.of(facts(e, out, Duration.between(start, clock.instant())));
  }

  /** What evidence command {@code e} showed, as measure and the agent's own run record it. */
  static Map<String, Object> facts(Commission.Evidence e, ShellCommand.Outcome out, Duration took) {
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
    facts.put("duration_ms", took.toMillis());
    return facts;
  }
}
