package dev.sleigh.runtime.tools;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Decision;
import dev.sleigh.domain.Ids;
import dev.sleigh.domain.Lease;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.runtime.phase.AgentEvidence;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.ScopeCheck;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of one agent session, bound to its commission and fenced by its lease: every call first
 * checks that the commission's current lease is still the one the session was started under (same
 * epoch, live), and is refused otherwise; what a call writes goes through the store as a command
 * that carries that lease, so the store fences it again in its own transaction.
 */
public final class CommissionTools {
  /** A fact a session reads once it is fenced: the commission and the lease it holds. */
  private record Fenced(CommissionRecord record, LeaseToken lease) {}

  private final CommissionStore store;
  private final String commissionId;
  private final long epoch;
  private final Path workspace;
  private final AgentEvidence evidence;
  private final InstantSource clock;
  private final Ids ids;

  /**
   * @param epoch the lease epoch the session was started under
   * @param workspace the session's workspace, where evidence runs and scope is checked
   */
  public CommissionTools(
      CommissionStore store,
      String commissionId,
      long epoch,
      Path workspace,
      AgentEvidence evidence,
      InstantSource clock,
      Ids ids) {
    this.store = store;
    this.commissionId = commissionId;
    this.epoch = epoch;
    this.workspace = workspace;
    this.evidence = evidence;
    this.clock = clock;
    this.ids = ids;
  }

  /** {@code commission_get}: body, scope, evidence and the decision's summary. */
  public Map<String, Object> commission() throws ToolRefusal {
    CommissionRecord r = fence().record();
    Commission c = r.spec();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("title", c.title());
    out.put("state", r.state().wire());
    out.put("phase", r.phase() == null ? null : r.phase().wire());
    out.put("attempt", r.attempt());
    out.put("body", c.body());
    out.put(
        "scope",
        Map.of(
            "allowed_paths", c.scope().allowedPaths(),
            "forbidden_paths", c.scope().forbiddenPaths()));
    List<Map<String, Object>> checks = new ArrayList<>();
    for (Commission.Evidence e : c.evidence()) {
      checks.add(
          Map.of(
              "name",
              e.name(),
              "command",
              e.command(),
              "timeout_seconds",
              e.timeout().toSeconds()));
    }
    out.put("evidence", checks);
    out.put("decision", decisionSummary(c));
    return out;
  }

  /** {@code decision_get}: the decision the commission carries out, as it stands now. */
  public Map<String, Object> decision() throws ToolRefusal {
    Commission c = fence().record().spec();
    Decision d = decisionOf(c);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", d.id());
    out.put("title", d.title());
    out.put("status", d.status().wire());
    out.put("revision", d.revision());
    out.put("revision_number", d.current().number());
    out.put("commission_revision", c.decision().revision());
    out.put("fresh", d.freshFor(c.decision().revision()));
    if (d.supersededBy() != null) {
      out.put("superseded_by", d.supersededBy());
    }
    out.put("body", d.current().body());
    return out;
  }

  /** {@code scope_check}: for each path, whether the commission's scope allows a change to it. */
  public Map<String, Object> scope(List<String> paths) throws ToolRefusal {
    if (paths.isEmpty()) {
      throw new ToolRefusal("scope_check: paths must name at least one path");
    }
    ScopeCheck check = new ScopeCheck(fence().record().spec().scope());
    List<Map<String, Object>> results = new ArrayList<>();
    boolean all = true;
    for (String path : paths) {
      List<String> violations = check.violations(workspace, List.of(path));
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("path", path);
      one.put("allowed", violations.isEmpty());
      if (!violations.isEmpty()) {
        all = false;
        String v = violations.getFirst();
        String prefix = path + " (";
        one.put(
            "why",
            v.startsWith(prefix) && v.endsWith(")")
                ? v.substring(prefix.length(), v.length() - 1)
                : v);
      }
      results.add(one);
    }
    return Map.of("allowed", all, "paths", results);
  }

  /**
   * {@code evidence_run}: runs the commission's evidence commands in the workspace, records what
   * they showed as the agent's own check ({@code agent_evidence}) and returns it.
   */
  public Map<String, Object> evidence() throws ToolRefusal, InterruptedException {
    Fenced f = fence();
    List<Map<String, Object>> results = evidence.run(f.record().spec());
    boolean passed = results.stream().allMatch(m -> Boolean.TRUE.equals(m.get("passed")));
    write(new Command.RecordAgentEvidence(commissionId, f.lease(), commandId(), results));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("passed", passed);
    out.put("results", results);
    out.put(
        "recorded_as",
        "agent_evidence: your own check; measure runs the evidence again for the verdict");
    return out;
  }

  /** {@code note_add}: a note for the operator, recorded as an {@code agent_note} event. */
  public Map<String, Object> note(String text) throws ToolRefusal {
    if (text == null || text.isBlank()) {
      throw new ToolRefusal("note_add: text must not be empty");
    }
    Fenced f = fence();
    CommandResult.Done done =
        write(new Command.RecordAgentNote(commissionId, f.lease(), commandId(), text.strip()));
    return Map.of("recorded", true, "seq", done.record().lastSeq());
  }

  /** The commission with the session's lease, or why the session may no longer act on it. */
  private Fenced fence() throws ToolRefusal {
    Optional<CommissionRecord> found = store.find(commissionId);
    if (found.isEmpty()) {
      throw new ToolRefusal("no commission '" + commissionId + "'");
    }
    CommissionRecord r = found.get();
    if (!(r.lease() instanceof Lease.Held held) || held.epoch() != epoch) {
      throw new ToolRefusal(
          "lease_fenced: this session's lease (epoch "
              + epoch
              + ") is no longer commission "
              + commissionId
              + "'s: it is "
              + r.state().wire()
              + (r.lease() instanceof Lease.Held h
                  ? " under lease epoch " + h.epoch() + " of runner " + h.runnerId()
                  : " with no lease held")
              + "; stop working on it");
    }
    if (!held.liveAt(clock.instant())) {
      throw new ToolRefusal(
          "lease_fenced: this session's lease (epoch "
              + epoch
              + ") expired at "
              + held.expiresAt()
              + "; stop working on it");
    }
    return new Fenced(r, new LeaseToken(held.leaseId(), epoch));
  }

  private CommandResult.Done write(Command command) throws ToolRefusal {
    return switch (store.execute(command)) {
      case CommandResult.Done done -> done;
      case CommandResult.Refused refused ->
          throw new ToolRefusal(refused.error().code().wire() + ": " + refused.error().message());
    };
  }

  private String commandId() {
    return ids.next("tool-");
  }

  private Map<String, Object> decisionSummary(Commission c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.decision().id());
    out.put("revision", c.decision().revision());
    store
        .decisions()
        .find(c.decision().id())
        .ifPresent(
            d -> {
              out.put("title", d.title());
              out.put("status", d.status().wire());
              out.put("fresh", d.freshFor(c.decision().revision()));
              out.put("summary", summary(d.current().body()));
            });
    return out;
  }

  private Decision decisionOf(Commission c) throws ToolRefusal {
    return store
        .decisions()
        .find(c.decision().id())
        .orElseThrow(() -> new ToolRefusal("no decision '" + c.decision().id() + "' in the store"));
  }

  /** The first paragraph of a decision's body, at most 500 characters. */
  static String summary(String body) {
    String text = body == null ? "" : body.strip();
    int blank = text.indexOf("\n\n");
    String first = blank < 0 ? text : text.substring(0, blank);
    return first.length() <= 500 ? first : first.substring(0, 497) + "...";
  }
}
