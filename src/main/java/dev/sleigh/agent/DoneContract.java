package dev.sleigh.agent;

/**
 * How an agent that holds a conversation over several turns says the work is done: a line holding
 * only {@value #MARKER} in its final message. Every adapter of such an agent tells it so through
 * the channel its program reads for standing instructions (codex: the thread's developer
 * instructions; claude: the appended system prompt), whatever the operator's prompt says, and every
 * continuation prompt repeats it. A {@code command} agent says it by exiting 0.
 */
public final class DoneContract {
  /** The line by which the agent says the work is complete. */
  public static final String MARKER = "SLEIGH_DONE";

  /** The standing instruction. */
  public static final String INSTRUCTION =
      "You are run unattended by a work queue, one turn at a time. When the task is complete, end"
          + " your final message with a line that holds only "
          + MARKER
          + ". While work remains, never write that line; you will be asked to continue.";

  /** The reminder at the end of every continuation prompt. */
  public static final String REMINDER =
      "When the work is complete, end your final message with a line that holds only "
          + MARKER
          + ".";

  private DoneContract() {}

  /** Whether {@code message} has a line holding only the marker (surrounding blanks allowed). */
  public static boolean saysDone(String message) {
    return message.lines().map(String::strip).anyMatch(MARKER::equals);
  }
}
