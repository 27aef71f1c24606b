package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The example commission {@code init} writes is accepted as it is and carried to the end. */
class InitExampleTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theExampleOfInitIsCreatedAsItIsAndCompletesWithTheDemoAgent() throws Exception {
    Path repo = GitRepos.create(dir.resolve("app"));
    var cli = new RealClockCli(repo);

    var init = cli.run("init");
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out()).contains("commissions/example.yaml (created)");
    var created = cli.run("commission", "create", "--file", "commissions/example.yaml");
    assertThat(created.exit()).as(created.err()).isZero();
    cli.drain();

    var shown = cli.run("commission", "show", "wc-example", "--json");
    assertThat(shown.json().path("state").asText()).as(shown.out()).isEqualTo("completed");
    assertThat(Files.readString(repo.resolve(".git/info/exclude"))).contains("/.sleigh/\n");
    // the home never shows as a change of the repository; what init wrote does, to be committed
    assertThat(GitRepos.output(repo, "status", "--porcelain", "--untracked-files=normal"))
        .doesNotContain(".sleigh")
        .contains("sleigh.md", "commissions/");
  }

  @Test
  void theExampleStartsFromTheRepositorysBranchAndInitRunTwiceChangesNothing() throws Exception {
    Path repo = GitRepos.create(dir.resolve("app"));
    GitRepos.git(repo, "checkout", "-q", "-b", "trunk");
    var cli = new RealClockCli(repo.resolve("sub"));
    Files.createDirectories(cli.cwd);

    assertThat(cli.run("init", ".").exit()).isZero();
    String example = Files.readString(repo.resolve("sub/commissions/example.yaml"));
    var again = cli.run("init", ".");

    assertThat(example).contains("path: ../..  ", "base_ref: trunk  ");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("example.yaml (exists, unchanged)");
    assertThat(Files.readString(repo.resolve("sub/commissions/example.yaml"))).isEqualTo(example);
    assertThat(Files.readString(repo.resolve(".git/info/exclude")).lines())
        .containsOnlyOnce("/sub/.sleigh/");
  }

  @Test
  void outsideARepositoryTheExampleNamesTheDirectoryAndMain() throws Exception {
    var cli = new RealClockCli(dir);

    assertThat(cli.run("init").exit()).isZero();

    assertThat(Files.readString(dir.resolve("commissions/example.yaml")))
        .contains("path: ..  ", "base_ref: main  ");
  }
}
