package dev.sleigh.cli.text;

import dev.sleigh.view.FailureDetail;
import dev.sleigh.view.ResultPhases.AttemptView;
import dev.sleigh.view.ResultPhases.PhaseView;
import dev.sleigh.view.ResultView;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable form of {@code sleigh result}. */
public final class ResultText {
  private static final List<String> EVIDENCE_SHOWN =
      List.of("passed", "exit_code", "duration_ms", "timed_out", "turns", "ended", "tokens_total");

  private ResultText() {}

  public static void print(PrintStream out, ResultView v) {
    out.println(v.commissionId() + "  " + v.state() + "  " + v.title());
    line(out, "reason", v.reason());
    line(out, "ended", v.ended() == null ? null : v.ended().event() + " at " + v.ended().at());
    failure(out, v.failure());
    line(out, "generation", v.generation());
    line(out, "decision", v.decision().id() + " @ " + v.decision().revision());
    phases(out, v.phases());
    evidence(out, v.evidence());
    approvals(out, v.approvals());
    agentApprovals(out, v.agentApprovals());
    agentEvidence(out, v.agentEvidence());
    agentNotes(out, v.agentNotes());
    ResultView.TokensView t = v.tokens();
    out.printf(
        "tokens: %d total (%d in, %d out), %d turns in %d agent sessions%n",
        t.total(), t.input(), t.output(), t.turns(), t.sessions());
    changes(out, v.changes());
    out.println("runs:");
    v.runs()
        .forEach(
            r ->
                out.printf(
                    "  %s  %s  epoch %d  g%d  %s .. %s  %s%n",
                    r.runId(),
                    r.runnerId(),
                    r.epoch(),
                    r.generation(),
                    r.startedAt(),
                    r.endedAt(),
                    r.outcome()));
  }

  /** The failure behind the state: budget, last failed attempt, its output, every attempt's log. */
  private static void failure(PrintStream out, FailureDetail f) {
    if (f == null) {
      return;
    }
    out.println("failure:");
    FailureDetail.BudgetView b = f.budget();
    if (b != null) {
      line(
          out,
          "budget",
          (f.exhausted() == null ? "" : f.exhausted() + " ran out: ")
              + String.format(
                  "%s failed %d of %d attempts, %d of %d in all",
                  f.phase(),
                  b.phaseFailures(),
                  b.maxAttemptsPerPhase(),
                  b.totalFailures(),
                  b.maxAttemptsTotal()));
    }
    line(
        out,
        "last",
        (f.phase() == null ? "" : f.phase() + (f.attempt() > 0 ? "#" + f.attempt() : "") + "  ")
            + f.reason());
    if (f.outputTail() != null) {
      line(out, "output of", f.outputFrom());
      f.outputTail().lines().forEach(l -> out.println("    | " + l));
    }
    if (!f.logs().isEmpty()) {
      out.println("  logs:");
      f.logs()
          .forEach(
              l ->
                  out.printf(
                      "    %-22s %s%n",
                      l.phase()
                          + "#"
                          + l.attempt()
                          + (l.evidence() == null ? "" : " " + l.evidence()),
                      l.path()));
    }
  }

  private static void phases(PrintStream out, List<PhaseView> phases) {
    out.println("phases:");
    for (PhaseView p : phases) {
      out.printf(
          "  %-10s %-10s %d attempt(s)  %s%n",
          p.phase(), p.status(), p.attempts().size(), millis(p.durationMs()));
      for (AttemptView a : p.attempts()) {
        out.printf(
            "    #%d %-10s %s%s%n",
            a.attempt(),
            a.outcome(),
            millis(a.durationMs()),
            a.reason() == null ? "" : "  " + a.reason());
      }
    }
  }

  private static void evidence(PrintStream out, List<ResultView.EvidenceView> evidence) {
    out.println("evidence:");
    for (ResultView.EvidenceView e : evidence) {
      Map<String, Object> shown = new LinkedHashMap<>();
      EVIDENCE_SHOWN.stream()
          .filter(e.facts()::containsKey)
          .forEach(k -> shown.put(k, e.facts().get(k)));
      out.printf(
          "  %-8s %-16s %s%n",
          e.phase(),
          e.name(),
          shown.entrySet().stream()
              .map(x -> x.getKey() + "=" + x.getValue())
              .collect(Collectors.joining(" ")));
    }
  }

  private static void approvals(PrintStream out, List<ResultView.ApprovalView> approvals) {
    if (approvals.isEmpty()) {
      return;
    }
    out.println("approvals:");
    approvals.forEach(
        a ->
            out.printf(
                "  %s at %s%s%s%n",
                a.decision(),
                a.at(),
                a.phase() == null ? "" : " (" + a.phase() + " gate)",
                a.reason() == null ? "" : ": " + a.reason()));
  }

  private static void agentApprovals(PrintStream out, List<ResultView.AgentApprovalView> asked) {
    if (asked.isEmpty()) {
      return;
    }
    out.println("agent approval requests:");
    for (ResultView.AgentApprovalView a : asked) {
      String what =
          a.command() != null
              ? a.command()
              : !a.paths().isEmpty()
                  ? String.join(", ", a.paths())
                  : a.requested() == null ? "" : a.requested();
      out.printf(
          "  execute #%d turn %s  %-11s %-8s (%s)  %s%n",
          a.attempt(), a.turn() == null ? "?" : a.turn(), a.kind(), a.decision(), a.policy(), what);
    }
  }

  private static void agentEvidence(PrintStream out, List<ResultView.AgentEvidenceView> runs) {
    if (runs.isEmpty()) {
      return;
    }
    out.println("agent-run evidence (the agent's own checks, not measure's verdict):");
    for (ResultView.AgentEvidenceView r : runs) {
      out.printf(
          "  %s #%d at %s  %s  %s%n",
          r.phase(),
          r.attempt(),
          r.at(),
          r.passed() ? "passed" : "failed",
          r.results().stream()
              .map(m -> m.get("name") + " exit " + m.get("exit_code"))
              .collect(Collectors.joining(", ")));
    }
  }

  private static void agentNotes(PrintStream out, List<ResultView.AgentNoteView> notes) {
    if (notes.isEmpty()) {
      return;
    }
    out.println("agent notes:");
    for (ResultView.AgentNoteView n : notes) {
      out.printf("  %s #%d at %s  %s%n", n.phase(), n.attempt(), n.at(), n.text());
    }
  }

  private static void changes(PrintStream out, ResultView.ChangesView c) {
    if (c == null) {
      out.println("changes: no workspace");
      return;
    }
    out.println("changes against " + c.baseCommit() + " in " + c.workspace() + ":");
    c.files()
        .forEach(
            f ->
                out.printf(
                    "  %s %s  %s%n",
                    f.status(),
                    f.path(),
                    f.added() == null ? "binary" : "+" + f.added() + " -" + f.deleted()));
    out.printf(
        "  %d file(s) changed, %d insertion(s), %d deletion(s)%n",
        c.filesChanged(), c.insertions(), c.deletions());
  }

  private static String millis(Long ms) {
    return ms == null ? "" : ms + " ms";
  }

  private static void line(PrintStream out, String label, Object value) {
    if (value != null) {
      out.printf("  %-12s %s%n", label + ":", value);
    }
  }
}
