package dev.sleigh.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes that fork, hide and ignore signals, and the whole trees ended anyway. */
@Timeout(60)
class ChildTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> readerThreads = new CopyOnWriteArrayList<>();
  private final List<Child> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(c -> c.kill(WAIT));
    started.forEach(Child::close);
  }

  private Child bash(String script, Optional<Path> setsid) throws IOException {
    Child child =
        Child.start(
            new ChildLaunch(
                List.of("bash", "-c", script),
                dir,
                Map.of("PATH", System.getenv("PATH")),
                new ChildLaunch.Input.Nothing(),
                new ChildLaunch.Output.Lines(
                    line -> {
                      readerThreads.add(
                          Thread.currentThread().isVirtual() ? "virtual" : "platform");
                      lines.add(line);
                    },
                    null)),
            setsid);
    started.add(child);
    return child;
  }

  private String await(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line starting with '" + prefix + "' within " + WAIT);
      }
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).strip();
      }
    }
  }

  /** The live processes whose environment carries {@code child}'s marker. */
  private static List<Long> marked(Child child) {
    return List.copyOf(ProcTable.treeOf(-1, 0, -1, Child.MARKER, child.marker()));
  }

  @Test
  void aTreeThatForksInALoopAndIgnoresSigtermIsGoneAfterStop() throws Exception {
    Child child =
        bash(
            "trap '' TERM; for i in 1 2 3 4; do (trap '' TERM; sleep 30) & done; echo started;"
                + " while true; do (trap '' TERM; sleep 30) & sleep 0.01; done",
            Setsid.program());
    await("started");
    assertThat(marked(child)).hasSizeGreaterThan(3);

    child.stop(Duration.ofMillis(300));

    assertThat(marked(child)).isEmpty();
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void aDescendantThatLeftTheGroupAndLostItsParentIsFoundByItsMarker() throws Exception {
    Child child = bash("setsid sleep 60 & echo escaped $!; wait", Setsid.program());
    long escaped = Long.parseLong(await("escaped"));
    child.kill(WAIT);
    // the parent's kill orphaned it in a session of its own: only the marker leads to it
    assertThat(Liveness.running(escaped)).isFalse();
    assertThat(marked(child)).isEmpty();
  }

  @Test
  void aDescendantThatClearedItsEnvironmentIsStillEndedAsADescendant() throws Exception {
    Child child =
        bash("env -i /bin/bash -c 'echo cleared $$; exec sleep 60' & wait", Optional.empty());
    long cleared = Long.parseLong(await("cleared"));
    assertThat(ProcTable.environment(cleared, List.of(Child.MARKER))).isEmpty();

    child.stop(Duration.ofMillis(500));

    assertThat(Liveness.running(cleared)).isFalse();
  }

  @Test
  void onlyProcessesNoOlderThanTheRootAreAskedForTheMarker() throws Exception {
    Child child = bash("sleep 60 & echo child $!; wait", Setsid.program());
    long grandchild = Long.parseLong(await("child"));
    long rootStart = ProcTable.stat(child.pid()).orElseThrow().startTicks();

    assertThat(ProcTable.treeOf(-1, rootStart, -1, Child.MARKER, child.marker()))
        .contains(child.pid(), grandchild);
    assertThat(ProcTable.treeOf(-1, Long.MAX_VALUE, -1, Child.MARKER, child.marker())).isEmpty();
  }

  @Test
  void withoutSetsidTheChildStaysInOurGroupAndIsStillEndedWithEverythingItStarted()
      throws Exception {
    Child child =
        bash(
            "echo pgid $(cut -d' ' -f5 /proc/$$/stat); sleep 60 >/dev/null 2>&1 & echo child $!;"
                + " wait",
            Optional.empty());
    long pgid = Long.parseLong(await("pgid"));
    long grandchild = Long.parseLong(await("child"));
    assertThat(pgid).isNotEqualTo(child.pid());
    assertThat(pgid).isEqualTo(ProcTable.stat(ProcessHandle.current().pid()).orElseThrow().pgid());

    child.stop(Duration.ofMillis(500));

    assertThat(Liveness.running(grandchild)).isFalse();
    assertThat(Liveness.running(ProcessHandle.current())).isTrue();
  }

  @Test
  void withSetsidTheChildLeadsItsOwnGroup() throws Exception {
    Child child = bash("echo pgid $(cut -d' ' -f5 /proc/$$/stat)", Setsid.program());
    assertThat(Setsid.program()).isPresent();
    assertThat(Long.parseLong(await("pgid"))).isEqualTo(child.pid());
  }

  @Test
  void outputIsReadOnAPlatformThreadSoASilentChildHoldsNoCarrier() throws Exception {
    Child child = bash("echo one; echo two", Setsid.program());
    assertThat(child.waitFor(WAIT)).isTrue();
    assertThat(child.awaitOutput(WAIT)).isTrue();
    assertThat(lines).containsExactly("one", "two");
    assertThat(readerThreads).containsOnly("platform");
  }

  @Test
  void stdinComesFromAFileAndOutputCanGoToAFile() throws Exception {
    Path in = Files.writeString(dir.resolve("in.txt"), "from the file\n");
    Path out = dir.resolve("out.log");
    try (Child child =
        Child.start(
            new ChildLaunch(
                List.of("bash", "-c", "cat; echo err >&2"),
                dir,
                Map.of("PATH", System.getenv("PATH")),
                new ChildLaunch.Input.FromFile(in),
                new ChildLaunch.Output.ToFiles(out, null)))) {
      assertThat(child.waitFor(WAIT)).isTrue();
      assertThat(child.exitCode()).isZero();
    }
    assertThat(Files.readAllLines(out)).containsExactly("from the file", "err");
  }

  @Test
  void aChildCountsAsLiveUntilClosedAndKillAllEndsEveryOpenTree() throws Exception {
    Child a = bash("echo a; exec sleep 60", Setsid.program());
    await("a");
    Child b = bash("echo b; sleep 60 & wait", Optional.empty());
    await("b");
    assertThat(LiveChildren.open()).contains(a, b);

    LiveChildren.killAll(WAIT);

    assertThat(a.isAlive()).isFalse();
    assertThat(marked(b)).isEmpty();
    a.close();
    b.close();
    assertThat(LiveChildren.open()).doesNotContain(a, b);
  }

  @Test
  void aLeftoverOfAnotherRunnerIsKilledWithItsTree() throws Exception {
    Child other = bash("sleep 60 & echo child $!; wait", Setsid.program());
    long grandchild = Long.parseLong(await("child"));

    Child.killLeftover(ProcessHandle.of(other.pid()).orElseThrow(), WAIT);

    assertThat(Liveness.running(other.pid())).isFalse();
    assertThat(Liveness.running(grandchild)).isFalse();
  }

  @Test
  void aProgramThatCannotStartIsAnIoExceptionNamingIt() {
    assertThatThrownBy(
            () ->
                Child.start(
                    new ChildLaunch(
                        List.of("/no/such/program-4b1c"),
                        dir,
                        Map.of(),
                        new ChildLaunch.Input.Nothing(),
                        new ChildLaunch.Output.ToFiles(dir.resolve("x.log"), null)),
                    Optional.empty()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/no/such/program-4b1c");
  }

  @Test
  void aLineLongerThanTheLimitComesInPiecesAndLineEndsAreDropped() throws Exception {
    String text = "a\r\n" + "x".repeat(Child.MAX_LINE + 5) + "\nlast";
    List<String> lines = new ArrayList<>();

    Child.readLines(new StringReader(text), lines::add);

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("a");
    assertThat(lines.get(1)).hasSize(Child.MAX_LINE);
    assertThat(lines.get(2)).isEqualTo("xxxxx");
    assertThat(lines.get(3)).isEqualTo("last");
  }
}
