package dev.sleigh.runtime.tools;

/**
 * A tool call that is refused: the session's lease is lost, the arguments are wrong, or the store
 * said no. The agent hears the message as the tool's error.
 */
public final class ToolRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  public ToolRefusal(String message) {
    super(message);
  }
}
