package dev.sleigh.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GitTest {
  @TempDir Path tmp;

  @Test
  @Timeout(30)
  void aFailingCommandIsAFinalErrorWithTheCommandAndItsStderr() {
    assertThatThrownBy(() -> new Git().run(tmp, "rev-parse", "HEAD"))
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("git -C " + tmp + " rev-parse HEAD")
        .hasMessageContaining("not a git repository");
  }

  @Test
  @Timeout(30)
  void aTimeoutKillsTheWholeProcessTreeAndMayBeRetried() throws Exception {
    Path pidFile = tmp.resolve("child.pid");
    Git git = new Git(Duration.ofMillis(500));
    String alias = "alias.hang=!sleep 60 & echo $! > '" + pidFile + "'; wait";

    assertThatThrownBy(() -> git.run(tmp, "-c", alias, "hang"))
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("timed out");

    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle.of(pid)
        .ifPresent(
            child -> {
              try {
                child.onExit().get(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError("the grandchild survived the timeout", e);
              }
            });
  }

  @Test
  @Timeout(30)
  void gitNeverPromptsAndCommitsAsSleigh() throws Exception {
    Git git = new Git();
    String prompt = git.run(tmp, "-c", "alias.p=!printf %s \"$GIT_TERMINAL_PROMPT\"", "p");
    git.run(tmp, "init", "-q", "-b", "main");
    git.run(tmp, "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", "empty");

    assertThat(prompt).isEqualTo("0");
    assertThat(git.run(tmp, "log", "-1", "--format=%cn <%ce>").strip())
        .isEqualTo("sleigh <sleigh@localhost>");
  }

  @Test
  void credentialsInAUrlNeverReachTheMessage() {
    assertThat(Git.describe(tmp, List.of("clone", "https://user:secret@host/r.git")))
        .doesNotContain("secret")
        .contains("https://***@host/r.git");
  }
}
