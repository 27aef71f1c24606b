package dev.sleigh.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process group an agent was started in. Signalling the group reaches members that left the
 * parent-child tree (a background job whose parent already exited); listing the members lets the
 * caller wait for exactly them.
 */
final class ProcessGroup {
  private static final Path PROC = Path.of("/proc");
  private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));
  private static final long KILL_COMMAND_SECONDS = 5;

  private final long pgid;

  ProcessGroup(long pgid) {
    this.pgid = pgid;
  }

  /** Every live process whose group is this one, as far as {@code /proc} shows. */
  List<ProcessHandle> members() {
    List<ProcessHandle> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        if (groupOf(entry) == pgid) {
          ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(found::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc here: the group signal still reaches every member
    }
    return found;
  }

  /** Sends {@code signal} (TERM, KILL) to the whole group; a group with no members is fine. */
  void signal(String signal) throws InterruptedException {
    Optional<Path> kill = KILL.stream().filter(Files::isExecutable).findFirst();
    if (kill.isEmpty()) {
      return;
    }
    ProcessBuilder pb =
        new ProcessBuilder(kill.get().toString(), "-s", signal, "--", "-" + pgid)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      if (!p.waitFor(KILL_COMMAND_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // the per-process signals sent alongside still reach every collected member
    }
  }

  private static long groupOf(Path procEntry) {
    try {
      String stat = Files.readString(procEntry.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
