package dev.sleigh.store;

import java.time.Instant;
import java.util.List;

/** The registry of runner processes and their heartbeats. */
public interface Runners {
  void register(RunnerInfo runner);

  void heartbeat(String runnerId);

  void stopped(String runnerId);

  List<RunnerInfo> list();

  /** A runner process as it last reported itself. */
  record RunnerInfo(
      String runnerId,
      String host,
      long pid,
      Instant startedAt,
      Instant heartbeatAt,
      Instant stoppedAt) {}
}
