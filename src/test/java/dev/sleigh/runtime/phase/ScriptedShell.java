package dev.sleigh.runtime.phase;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A shell that starts nothing: each script it is given ends as the test said, by its text, and it
 * remembers what it was asked to run. A script it was told nothing about exits 0.
 */
final class ScriptedShell implements Shell {
  private final Map<String, Deque<ShellCommand.Outcome>> answers = new HashMap<>();
  final List<ShellCommand.Script> ran = new ArrayList<>();

  static ShellCommand.Outcome exit(int code) {
    return new ShellCommand.Outcome(code, false, false, "out " + code, "sha-" + code, null);
  }

  static ShellCommand.Outcome timedOut() {
    return new ShellCommand.Outcome(-1, true, false, "", null, null);
  }

  static ShellCommand.Outcome cancelled() {
    return new ShellCommand.Outcome(-1, false, true, "", null, null);
  }

  ScriptedShell answer(String text, ShellCommand.Outcome outcome) {
    answers.computeIfAbsent(text, t -> new ArrayDeque<>()).add(outcome);
    return this;
  }

  List<String> texts() {
    return ran.stream().map(ShellCommand.Script::text).toList();
  }

  @Override
  public ShellCommand.Outcome run(ShellCommand.Script script) {
    ran.add(script);
    Deque<ShellCommand.Outcome> queued = answers.get(script.text());
    return queued == null || queued.isEmpty() ? exit(0) : queued.poll();
  }
}
