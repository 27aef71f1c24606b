package dev.sleigh.agent.demo;

/** Why the demo agent stops without finishing, and the exit code that says so. */
final class DemoException extends Exception {
  private final int exitCode;

  DemoException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
