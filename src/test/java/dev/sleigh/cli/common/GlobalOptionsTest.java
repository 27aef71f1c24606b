package dev.sleigh.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default home and configuration are those of the nearest project directory above the working
 * directory, so a command run from a subdirectory reads the same {@code sleigh.md}, and resolves
 * its relative paths the same way, as one run from the top.
 */
class GlobalOptionsTest {
  @TempDir Path dir;

  @Test
  void fromASubdirectoryTheProjectsConfigAndHomeAreUsedAndItsRelativePathsResolveBesideIt()
      throws Exception {
    Files.writeString(dir.resolve("sleigh.md"), "---\nworkspace:\n  root: work\n---\n");
    Path sub = Files.createDirectories(dir.resolve("src/deep"));
    GlobalOptions fromTop = new GlobalOptions();
    GlobalOptions fromBelow = new GlobalOptions();

    CliEnvironment top = env(dir, Map.of());
    CliEnvironment below = env(sub, Map.of());

    assertThat(fromBelow.config(below)).isEqualTo(dir.resolve("sleigh.md"));
    assertThat(fromBelow.home(below)).isEqualTo(dir.resolve(".sleigh"));
    assertThat(fromBelow.storeUrl(below)).isEqualTo(fromTop.storeUrl(top));
    assertThat(RunSetup.config(below, fromBelow, fromBelow.home(below)).workspace().root())
        .isEqualTo(dir.resolve("work"))
        .isEqualTo(RunSetup.config(top, fromTop, fromTop.home(top)).workspace().root());
  }

  @Test
  void aHomeDirectoryAloneMarksTheProjectAndItsEmbeddedDefaultsPutWorkspacesInIt()
      throws Exception {
    Files.createDirectories(dir.resolve(".sleigh"));
    Path sub = Files.createDirectories(dir.resolve("a"));
    GlobalOptions options = new GlobalOptions();
    CliEnvironment below = env(sub, Map.of());

    assertThat(options.config(below)).isEqualTo(dir.resolve("sleigh.md"));
    assertThat(RunSetup.config(below, options, options.home(below)).workspace().root())
        .isEqualTo(dir.resolve(".sleigh/workspaces"));
  }

  @Test
  void theNearestProjectWinsOverOneFurtherUp() throws Exception {
    Files.createDirectories(dir.resolve(".sleigh"));
    Files.writeString(Files.createDirectories(dir.resolve("inner")).resolve("sleigh.md"), "");
    Path sub = Files.createDirectories(dir.resolve("inner/x"));

    assertThat(new GlobalOptions().home(env(sub, Map.of())))
        .isEqualTo(dir.resolve("inner/.sleigh"));
  }

  @Test
  void givenOptionsAndTheHomeVariableAreResolvedAgainstTheWorkingDirectory() throws Exception {
    Files.createDirectories(dir.resolve(".sleigh"));
    Path sub = Files.createDirectories(dir.resolve("a"));
    GlobalOptions withConfig = new GlobalOptions();
    withConfig.config = Path.of("mine.md");
    GlobalOptions withHome = new GlobalOptions();
    withHome.home = Path.of("h");

    assertThat(withConfig.home(env(sub, Map.of()))).isEqualTo(sub.resolve(".sleigh"));
    assertThat(withConfig.config(env(sub, Map.of()))).isEqualTo(sub.resolve("mine.md"));
    assertThat(withHome.config(env(sub, Map.of()))).isEqualTo(sub.resolve("sleigh.md"));
    assertThat(new GlobalOptions().config(env(sub, Map.of("SLEIGH_HOME", "/elsewhere"))))
        .isEqualTo(sub.resolve("sleigh.md"));
  }

  private static CliEnvironment env(Path cwd, Map<String, String> variables) {
    var sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new CliEnvironment(
        sink,
        sink,
        MutableClock.at("2026-03-01T10:00:00Z"),
        new SplittableRandom(1),
        variables,
        cwd);
  }
}
