package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.store.CommissionStore;
import dev.sleigh.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code --home}, {@code $SLEIGH_HOME} or {@code --config}, a command works on the project
 * around its working directory: the nearest directory from there up holding {@code sleigh.md} or
 * {@code .sleigh/}, the way git finds {@code .git}. Commands that only read never create a home,
 * and when they find none they say where they looked; {@code init} never walks up.
 */
class ProjectHomeTest {
  @TempDir Path dir;

  private void projectWithCommissions(String... ids) {
    var top = new CliHarness(dir);
    try (CommissionStore store = top.store()) {
      for (String id : ids) {
        store.intake(Fixtures.commission(id), "c").orThrow();
      }
    }
  }

  @Test
  void statusFromASubdirectoryShowsTheCommissionsOfTheProjectAbove() throws Exception {
    projectWithCommissions("wc-a", "wc-b");
    Path sub = Files.createDirectories(dir.resolve("src/deep"));
    var below = new CliHarness(sub);

    var status = below.run("status", "--json");
    var list = below.run("commission", "list", "--json");

    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.json().path("counts").path("queued").asLong()).isEqualTo(2);
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("wc-a", "wc-b");
    assertThat(sub.resolve(".sleigh")).doesNotExist();
    assertThat(dir.resolve("src/.sleigh")).doesNotExist();
  }

  @Test
  void aSleighMdAloneMarksTheProjectAndAMissingStoreThereIsNamed() throws Exception {
    Files.writeString(dir.resolve("sleigh.md"), "---\nworkspace:\n  root: work\n---\n");
    Path sub = Files.createDirectories(dir.resolve("a/b"));

    var below = new CliHarness(sub).run("commission", "list", "--json");

    assertThat(below.exit()).as(below.err()).isEqualTo(69);
    assertThat(below.error().path("message").asText())
        .contains("no store at " + dir.resolve(".sleigh/sleigh.db"))
        .contains("the nearest directory above the working directory holding sleigh.md");
    assertThat(sub.resolve(".sleigh")).doesNotExist();
    assertThat(dir.resolve(".sleigh")).doesNotExist();
  }

  @Test
  void withNoProjectAboveAReadOnlyCommandNamesEveryDirectorySearchedAndCreatesNothing()
      throws Exception {
    Path sub = Files.createDirectories(dir.resolve("a/b"));

    var status = new CliHarness(sub).run("status", "--json");

    assertThat(status.exit()).isEqualTo(69);
    assertThat(status.error().path("code").asText()).isEqualTo("store_missing");
    assertThat(status.error().path("message").asText())
        .contains("no store at " + sub.resolve(".sleigh/sleigh.db"))
        .contains(sub + ", " + dir.resolve("a") + ", " + dir + ", ")
        .endsWith(
            ", / and found neither; run `sleigh init` to start a project in the working"
                + " directory, or name an existing home with --home (or $SLEIGH_HOME)");
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.endsWith(".sleigh"))).isEmpty();
    }
  }

  @Test
  void initCreatesItsHomeInTheWorkingDirectoryEvenInsideAProject() throws Exception {
    projectWithCommissions("wc-a");
    Path sub = Files.createDirectories(dir.resolve("nested"));
    var below = new CliHarness(sub);

    var init = below.run("init", "--json");

    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(sub.resolve(".sleigh/sleigh.db")).isRegularFile();
    assertThat(sub.resolve("sleigh.md")).isRegularFile();
    var status = below.run("status", "--json");
    assertThat(status.json().path("counts").path("queued").asLong())
        .as("the nearer project is now the one used")
        .isZero();
  }

  @Test
  void anExplicitHomeOrConfigIsTakenFromTheWorkingDirectoryWithoutWalkingUp() throws Exception {
    projectWithCommissions("wc-a");
    Path sub = Files.createDirectories(dir.resolve("sub"));
    var below = new CliHarness(sub);

    var withHome = below.run("status", "--home", dir.resolve(".sleigh").toString(), "--json");
    var withConfig = below.run("status", "--config", "other.md", "--json");
    below.variables.put("SLEIGH_HOME", ".sleigh");
    var withVariable = below.run("status", "--json");

    assertThat(withHome.exit()).as(withHome.err()).isZero();
    assertThat(withHome.json().path("counts").path("queued").asLong()).isEqualTo(1);
    assertThat(withConfig.exit()).isEqualTo(69);
    assertThat(withConfig.error().path("message").asText())
        .contains(sub.resolve(".sleigh/sleigh.db").toString())
        .doesNotContain("looked for");
    assertThat(withVariable.exit()).isEqualTo(69);
    assertThat(sub.resolve(".sleigh")).doesNotExist();
  }
}
