package dev.sleigh.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A tree that a dead runner left behind, hundreds of processes strong and still forking. */
@Timeout(60)
class LeftoversTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private Child child;

  @AfterEach
  void killLeftovers() {
    if (child != null) {
      child.kill(LIMIT);
      child.close();
    }
  }

  @Test
  void everyProcessOfAForkingTreeFoundByItsTagsIsKilledWithinTheLimit() throws Exception {
    // every other child escapes the tree and the group; all ignore SIGTERM
    child =
        Child.start(
            new ChildLaunch(
                List.of(
                    "bash",
                    "-c",
                    "trap '' TERM; while true; do (sleep 60) & ( (setsid sleep 60 &) & );"
                        + " sleep 0.01; done"),
                dir,
                Map.of("PATH", System.getenv("PATH")),
                new ChildLaunch.Input.Nothing(),
                new ChildLaunch.Output.ToFiles(dir.resolve("out.log"), null)),
            Setsid.program());
    List<ProcessHandle> found = awaitMarked(200);

    long started = System.nanoTime();
    Leftovers.kill(found, LIMIT);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(marked()).as("still running after %s", took).isEmpty();
    assertThat(took).isLessThan(LIMIT);
  }

  /** The processes carrying the child's marker, once there are at least {@code count}. */
  private List<ProcessHandle> awaitMarked(int count) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      List<ProcessHandle> found =
          marked().stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
      if (found.size() >= count) {
        return found;
      }
      assertThat(System.nanoTime() - deadline)
          .as("only %d processes forked", found.size())
          .isNegative();
      child.waitFor(Duration.ofMillis(50));
    }
  }

  private List<Long> marked() {
    return List.copyOf(ProcTable.treeOf(-1, 0, -1, Child.MARKER, child.marker()));
  }
}
