package dev.sleigh.runtime.phase;

import dev.sleigh.agent.AgentApproval;
import dev.sleigh.domain.Phase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The approval requests of one execute session on their way to the store. The agent's reader thread
 * hands each one over as it is answered, which goes to the runtime log at once; the store write
 * ({@code agent_approval}) follows when the turn ends, on the run's own thread, so that an agent is
 * never held up by a store that is slow or away.
 */
final class ApprovalLedger {
  private final PhaseJournal journal;
  private final int attempt;
  private final ConcurrentLinkedQueue<Map<String, Object>> pending = new ConcurrentLinkedQueue<>();
  private int written;

  ApprovalLedger(PhaseJournal journal, int attempt) {
    this.journal = journal;
    this.attempt = attempt;
  }

  /** A request of turn {@code turn} and its answer; called on the agent's reader thread. */
  void heard(int turn, AgentApproval request) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("turn", turn);
    data.putAll(request.data());
    pending.add(data);
    journal.note(RunNote.AGENT_APPROVAL, Phase.EXECUTE, attempt, data);
  }

  /** Records what was heard so far, one {@code agent_approval} event each. */
  void flush() {
    for (Map<String, Object> data = pending.poll(); data != null; data = pending.poll()) {
      written++;
      journal.agentApproval(attempt, written, data);
    }
  }
}
