package dev.sleigh.agent;

import dev.sleigh.domain.Phase;
import dev.sleigh.process.Liveness;
import dev.sleigh.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/** Tiny fake agent programs (bash scripts) and the specs to run them with. */
public final class FakeAgents {
  private FakeAgents() {}

  /** Writes an executable bash script named {@code name} into {@code dir}. */
  public static Path script(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  public static SessionSpec.Timeouts timeouts(long stallMillis, long turnMillis, long graceMillis) {
    return new SessionSpec.Timeouts(
        Duration.ofMillis(stallMillis),
        Duration.ofMillis(turnMillis),
        Duration.ofMillis(graceMillis));
  }

  /** A generous spec: nothing stalls or times out unless a test asks for it. */
  public static SessionSpec spec(Path workspace, Path logFile) {
    return spec(workspace, logFile, timeouts(20_000, 60_000, 2_000));
  }

  public static SessionSpec spec(Path workspace, Path logFile, SessionSpec.Timeouts timeouts) {
    return new SessionSpec(
        Fixtures.commission("c-1"), Phase.EXECUTE, 2, workspace, logFile, Map.of(), timeouts);
  }

  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(Liveness::running).orElse(false);
  }

  /** Kills a process a failed test may have left behind. */
  public static void killIfAlive(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }
}
