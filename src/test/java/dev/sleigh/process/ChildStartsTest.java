package dev.sleigh.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every child is counted under the part its starting thread declared, while someone watches. */
@Timeout(30)
class ChildStartsTest {
  private static void startAndEnd(String... argv) throws Exception {
    try (Child child =
        Child.start(
            new ChildLaunch(
                List.of(argv),
                Path.of("."),
                Map.of("PATH", System.getenv("PATH")),
                new ChildLaunch.Input.Nothing(),
                new ChildLaunch.Output.Lines(line -> {}, null)))) {
      assertThat(child.waitFor(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void startsAreCountedUnderTheDeclaredPartAndItsDeclarationNests() throws Exception {
    try (ChildStarts.Watch watch = ChildStarts.watch()) {
      startAndEnd("true");
      try (ChildStarts.Part outer = ChildStarts.during("execute")) {
        startAndEnd("true");
        try (ChildStarts.Part inner = ChildStarts.during("completion")) {
          startAndEnd("/bin/true");
        }
        startAndEnd("true");
      }
      startAndEnd("true");

      assertThat(watch.countByPart())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(ChildStarts.UNDECLARED, 2, "execute", 2, "completion", 1));
      assertThat(watch.programsByPart().get("completion")).containsExactly("true");
    }
  }

  @Test
  void nothingIsKeptOnceTheWatchIsClosed() throws Exception {
    ChildStarts.Watch watch = ChildStarts.watch();
    watch.close();
    startAndEnd("true");
    assertThat(watch.starts()).isEmpty();
  }

  @Test
  void gitIsNamedByItsCommandPastItsGlobalOptions() {
    assertThat(
            new ChildStarts.Start(
                    "x",
                    List.of("git", "-C", "/w", "-c", "user.name=s", "--no-pager", "status", "-z"))
                .program())
        .isEqualTo("git status");
    assertThat(new ChildStarts.Start("x", List.of("/usr/bin/agent", "-c", "x")).program())
        .isEqualTo("agent");
  }
}
