package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Phase;
import java.util.Map;

/**
 * What a phase step writes and asks of its run's record, by intent; the run's journal is the real
 * one, a test hands in its own.
 */
public interface PhaseJournal {
  /** Renews the lease right before a child process starts; false once it is lost. */
  boolean confirmLease();

  /** The run may no longer write (lease lost, commission cancelled, store gone). */
  boolean isLost();

  /** {@code env} with the run's tags added, for a child process of this run. */
  Map<String, String> tagged(Map<String, String> env);

  /** Records what evidence command {@code name} showed; false once the run may not write. */
  boolean evidence(PhaseAttempt at, String name, Map<String, Object> facts);

  /** Records what the agent session of an execute attempt did. */
  boolean agentSession(PhaseAttempt at, Map<String, Object> facts);

  /** Records approval request {@code n} of an execute attempt and its answer. */
  boolean agentApproval(int attempt, int n, Map<String, Object> data);

  /** Reports something the runner or its agent did that is not a store event. */
  void note(RunNote note, Phase phase, int attempt, Map<String, Object> data);

  /** A record for work outside any run ({@code gc}): no lease, no tags, nothing reported. */
  PhaseJournal NONE =
      new PhaseJournal() {
        @Override
        public boolean confirmLease() {
          return true;
        }

        @Override
        public boolean isLost() {
          return false;
        }

        @Override
        public Map<String, String> tagged(Map<String, String> env) {
          return env;
        }

        @Override
        public boolean evidence(PhaseAttempt at, String name, Map<String, Object> facts) {
          return true;
        }

        @Override
        public boolean agentSession(PhaseAttempt at, Map<String, Object> facts) {
          return true;
        }

        @Override
        public boolean agentApproval(int attempt, int n, Map<String, Object> data) {
          return true;
        }

        @Override
        public void note(RunNote note, Phase phase, int attempt, Map<String, Object> data) {}
      };
}
