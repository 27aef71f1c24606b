package dev.sleigh.runtime;

import dev.sleigh.process.Liveness;
import dev.sleigh.process.ProcTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run and commission a child process works for, carried in its environment ({@code
 * SLEIGH_RUN_ID}, {@code SLEIGH_COMMISSION_ID}) by every agent, hook and evidence command a run
 * starts; their own children inherit it. A runner reads them back from {@code /proc} to end what a
 * run that lost its lease left behind, even a process whose pid was never recorded.
 */
record RunTags(String runId, String commissionId) {
  static final String RUN_ID = "SLEIGH_RUN_ID";
  static final String COMMISSION_ID = "SLEIGH_COMMISSION_ID";
  private static final List<String> NAMES = List.of(RUN_ID, COMMISSION_ID);

  /** A live process on this host and the tags it carries. */
  record Tagged(long pid, RunTags tags) {}

  /** The tags as environment variables. */
  Map<String, String> env() {
    return Map.of(RUN_ID, runId, COMMISSION_ID, commissionId);
  }

  /** {@code env} with the tags added. */
  Map<String, String> onto(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.putAll(env());
    return out;
  }

  /** Every live process of this host that carries run tags, as far as {@code /proc} shows. */
  static List<Tagged> scan() {
    List<Tagged> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    for (long pid : ProcTable.pids()) {
      if (pid == self) {
        continue;
      }
      Map<String, String> env = ProcTable.environment(pid, NAMES);
      String run = env.get(RUN_ID);
      String commission = env.get(COMMISSION_ID);
      if (run != null && commission != null && Liveness.running(pid)) {
        found.add(new Tagged(pid, new RunTags(run, commission)));
      }
    }
    return found;
  }
}
