package dev.sleigh.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.GitRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery commits as the target repository's configured identity: the last value its
 * configuration files give, never the one Sleigh puts on git's command line for its own commits.
 */
class CommitIdentityTest {
  @TempDir Path dir;

  @Test
  void theLastValueOutsideTheCommandLineWins() {
    String listing = "system\tOld Name\nglobal\tGlobal Name\nlocal\tLocal Name\ncommand\tsleigh\n";
    assertThat(CommitIdentity.lastConfigured(listing)).contains("Local Name");
    assertThat(CommitIdentity.lastConfigured("global\tGlobal Name\ncommand\tsleigh\n"))
        .contains("Global Name");
  }

  @Test
  void onlyTheCommandLineOrNothingMeansNoConfiguredValue() {
    assertThat(CommitIdentity.lastConfigured("command\tsleigh\n")).isEmpty();
    assertThat(CommitIdentity.lastConfigured("")).isEmpty();
    assertThat(CommitIdentity.lastConfigured("local\t  \n")).isEmpty();
  }

  @Test
  void oneListingOfBothKeysIsSplitByKey() {
    String listing =
        "global\tuser.name Global Name\nglobal\tuser.email g@example.org\n"
            + "local\tuser.name Local Name\nlocal\tuser.nameless x\ncommand\tuser.name sleigh\n";
    assertThat(CommitIdentity.valuesOf(listing, "user.name"))
        .isEqualTo("global\tGlobal Name\nlocal\tLocal Name\ncommand\tsleigh\n");
    assertThat(CommitIdentity.lastConfigured(CommitIdentity.valuesOf(listing, "user.email")))
        .contains("g@example.org");
  }

  @Test
  void aRepositorysOwnIdentityIsReadPastSleighsCommandLineOne() throws Exception {
    Path repo = GitRepos.create(dir.resolve("repo"));
    GitRepos.git(repo, "config", "user.name", "Rita Reviewer");
    GitRepos.git(repo, "config", "user.email", "rita@example.org");

    assertThat(CommitIdentity.of(new Git(), repo))
        .isEqualTo(new CommitIdentity("Rita Reviewer", "rita@example.org"));
  }
}
