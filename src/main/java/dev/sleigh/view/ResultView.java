package dev.sleigh.view;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.store.EvidenceRecord;
import dev.sleigh.store.RuntimeRun;
import dev.sleigh.view.CommissionView.DecisionRefView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sleigh result ID --json}: where a commission ended and why (for a failure: the budget that
 * ran out, the last failed attempt, what it printed and every attempt's log), its phases of the
 * current generation with attempts and durations, the evidence and approvals of that generation,
 * what its agent asked to do beyond its sandbox and what Sleigh answered, the notes its agent left
 * and the evidence it ran for itself through its tools, the tokens its agent sessions used, what
 * its workspace changed, and every run. Computed from the store and the workspace, never from what
 * a runner remembers.
 */
public record ResultView(
    String commissionId,
    String title,
    String state,
    String reason,
    EndingView ended,
    FailureDetail failure,
    int generation,
    DecisionRefView decision,
    List<ResultPhases.PhaseView> phases,
    List<EvidenceView> evidence,
    List<ApprovalView> approvals,
    List<AgentApprovalView> agentApprovals,
    List<AgentNoteView> agentNotes,
    List<AgentEvidenceView> agentEvidence,
    TokensView tokens,
    ChangesView changes,
    List<RunView> runs) {

  /**
   * {@code changes} is null when the commission has no workspace (never made, or removed); a
   * failure is judged against the default retry budget and names no log files.
   */
  public static ResultView of(ResultFacts facts, ChangesView changes) {
    return of(facts, changes, RetryPolicy.DEFAULT, List.of());
  }

  /**
   * The same, a failure judged against {@code policy} (the configured retry budget) and naming the
   * attempt {@code logs} found for the commission.
   */
  public static ResultView of(
      ResultFacts facts,
      ChangesView changes,
      RetryPolicy policy,
      List<FailureDetail.AttemptLog> logs) {
    CommissionRecord r = facts.commission();
    List<Event> current = facts.currentEvents();
    List<EvidenceView> evidence =
        facts.evidence().stream()
            .filter(e -> e.generation() == r.generation())
            .map(EvidenceView::of)
            .toList();
    return new ResultView(
        r.id(),
        r.spec().title(),
        r.state().wire(),
        r.reason(),
        ending(r, current),
        FailureDetail.of(current, policy, logs).orElse(null),
        r.generation(),
        new DecisionRefView(r.spec().decision().id(), r.spec().decision().revision()),
        ResultPhases.of(current),
        evidence,
        ApprovalView.of(current),
        AgentApprovalView.of(current),
        AgentNoteView.of(current),
        AgentEvidenceView.of(current),
        TokensView.of(evidence),
        changes,
        facts.runs().stream().map(RunView::of).toList());
  }

  /** The event that settled the commission; null while it can still move on its own. */
  private static EndingView ending(CommissionRecord r, List<Event> current) {
    if (!r.state().settled()) {
      return null;
    }
    for (Event e : current.reversed()) {
      if (e.type().endsCommission()) {
        return new EndingView(e.type().wire(), e.at(), e.text("reason"));
      }
    }
    return null;
  }

  /** How the commission came to rest: the settling event, when and why. */
  public record EndingView(String event, Instant at, String reason) {}

  /** One durable fact a phase recorded. */
  public record EvidenceView(String phase, String name, Instant at, Map<String, Object> facts) {
    static EvidenceView of(EvidenceRecord e) {
      return new EvidenceView(
          e.phase() == null ? null : e.phase().wire(), e.name(), e.at(), e.facts());
    }
  }

  /** An operator's answer to a human gate, and the request it answered. */
  public record ApprovalView(
      String decision,
      Instant at,
      String reason,
      String snapshotHash,
      String phase,
      Instant requestedAt,
      String request) {

    static List<ApprovalView> of(List<Event> current) {
      List<ApprovalView> out = new ArrayList<>();
      Event request = null;
      for (Event e : current) {
        if (e.type() == EventType.WAITING_HUMAN) {
          request = e;
        } else if (e.type() == EventType.APPROVED || e.type() == EventType.REJECTED) {
          out.add(answer(e, request));
          request = null;
        }
      }
      return out;
    }

    private static ApprovalView answer(Event e, Event request) {
      boolean asked = request != null;
      return new ApprovalView(
          e.type().wire(),
          e.at(),
          e.text("reason"),
          e.text("snapshot_hash"),
          asked ? CommissionView.wire(request.phase()) : null,
          asked ? request.at() : null,
          asked ? request.text("reason") : null);
    }
  }

  /**
   * A request of the agent to act beyond what it may do on its own ({@code agent_approval}), and
   * Sleigh's answer: {@code kind} command, network, file_change or permissions; {@code decision}
   * accepted or declined, by {@code policy}.
   */
  public record AgentApprovalView(
      int attempt,
      Integer turn,
      Instant at,
      String kind,
      String command,
      List<String> paths,
      String requested,
      String decision,
      String policy,
      String reason) {

    static List<AgentApprovalView> of(List<Event> current) {
      return current.stream()
          .filter(e -> e.type() == EventType.AGENT_APPROVAL)
          .map(
              e ->
                  new AgentApprovalView(
                      e.attempt(),
                      e.data().get("turn") instanceof Number n ? n.intValue() : null,
                      e.at(),
                      e.text("kind"),
                      e.text("command"),
                      e.data().get("paths") instanceof List<?> l
                          ? l.stream().map(String::valueOf).toList()
                          : List.of(),
                      e.text("requested"),
                      e.text("decision"),
                      e.text("policy"),
                      e.text("reason")))
          .toList();
    }
  }

  /** A note the agent left through its tools ({@code note_add}, the {@code agent_note} event). */
  public record AgentNoteView(String phase, int attempt, Instant at, String text) {
    static List<AgentNoteView> of(List<Event> current) {
      return current.stream()
          .filter(e -> e.type() == EventType.AGENT_NOTE)
          .map(
              e ->
                  new AgentNoteView(
                      e.phase() == null ? null : e.phase().wire(),
                      e.attempt(),
                      e.at(),
                      e.text("text")))
          .toList();
    }
  }

  /**
   * The evidence the agent ran for itself through its tools ({@code evidence_run}, the {@code
   * agent_evidence} event): what each command showed then, never measure's verdict.
   */
  public record AgentEvidenceView(
      String phase, int attempt, Instant at, boolean passed, List<Map<String, Object>> results) {
    static List<AgentEvidenceView> of(List<Event> current) {
      return current.stream()
          .filter(e -> e.type() == EventType.AGENT_EVIDENCE)
          .map(
              e ->
                  new AgentEvidenceView(
                      e.phase() == null ? null : e.phase().wire(),
                      e.attempt(),
                      e.at(),
                      Boolean.TRUE.equals(e.data().get("passed")),
                      results(e.data().get("results"))))
          .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Object value) {
      if (!(value instanceof List<?> list)) {
        return List.of();
      }
      return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }
  }

  /** Tokens and turns summed over the agent sessions of the current generation. */
  public record TokensView(long input, long output, long total, long turns, int sessions) {
    static final String SESSION = "agent_session";

    static TokensView of(List<EvidenceView> evidence) {
      long[] sums = new long[4];
      int sessions = 0;
      for (EvidenceView e : evidence) {
        if (SESSION.equals(e.name())) {
          sessions++;
          sums[0] += number(e.facts(), "tokens_input");
          sums[1] += number(e.facts(), "tokens_output");
          sums[2] += number(e.facts(), "tokens_total");
          sums[3] += number(e.facts(), "turns");
        }
      }
      return new TokensView(sums[0], sums[1], sums[2], sums[3], sessions);
    }

    private static long number(Map<String, Object> facts, String key) {
      return facts.get(key) instanceof Number n ? n.longValue() : 0L;
    }
  }

  /** What the workspace changed against its base commit; counts are null for binary files. */
  /**
   * The change: where it was read ({@code workspace}: a path, or {@code checkpoint <commit>}), its
   * base, its files; {@code checkpoint} names the checkpoint it came from, null for a workspace.
   */
  public record ChangesView(
      String workspace,
      String baseCommit,
      int filesChanged,
      long insertions,
      long deletions,
      List<FileView> files,
      String checkpoint) {}

  /** One changed path: git's status letter (A, M, D, T) and its line counts. */
  public record FileView(String path, String status, Integer added, Integer deleted) {}

  /** One attempt to carry the commission forward under one lease. */
  public record RunView(
      String runId,
      String runnerId,
      long epoch,
      int generation,
      Instant startedAt,
      Instant endedAt,
      String outcome) {
    static RunView of(RuntimeRun r) {
      return new RunView(
          r.runId(),
          r.runnerId(),
          r.epoch(),
          r.generation(),
          r.startedAt(),
          r.endedAt(),
          r.outcome());
    }
  }
}
