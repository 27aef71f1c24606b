package dev.sleigh.runtime.phase;

import java.util.Locale;

/**
 * What a run reports to the runtime log that is not a store event: a claim, the start and end of an
 * agent turn, an agent process started, a hook that ran, an approval request the agent made, and
 * the end of the run, whatever ended it.
 */
public enum RunNote {
  CLAIMED,
  TURN_STARTED,
  TURN_ENDED,
  AGENT_STARTED,
  HOOK,
  AGENT_APPROVAL,
  RUN_ENDED;

  /** The name in the log's {@code event} field. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
