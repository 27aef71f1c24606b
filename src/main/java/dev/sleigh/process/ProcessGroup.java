package dev.sleigh.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process group a child was started in. Signalling the group reaches, in one step that a fork
 * cannot slip past, members that left the parent-child tree (a background job whose parent already
 * exited).
 */
final class ProcessGroup {
  private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));
  private static final long KILL_COMMAND_SECONDS = 5;

  private final long pgid;

  ProcessGroup(long pgid) {
    this.pgid = pgid;
  }

  /**
   * Sends {@code signal} (TERM, KILL) to the whole group through the system's {@code kill} program;
   * a group with no members, or a system without the program, is fine: the per-process signals the
   * caller sends alongside still reach every member it found.
   */
  void signal(String signal) throws InterruptedException {
    Optional<Path> kill = KILL.stream().filter(Files::isExecutable).findFirst();
    if (kill.isEmpty()) {
      return;
    }
    ProcessBuilder pb =
        new ProcessBuilder(kill.get().toString(), "-s", signal, "--", "-" + pgid)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      ChildStarts.started(pb.command());
      if (!p.waitFor(KILL_COMMAND_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // the per-process signals sent alongside still reach every collected member
    }
  }
}
