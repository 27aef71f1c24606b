package dev.sleigh.workspace;

import dev.sleigh.domain.Commission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real git repositories with one commit, and commissions that point at them. */
final class TestRepos {
  static final Git GIT = new Git();

  private TestRepos() {}

  /** A repository on branch main with README.md and src/app.txt committed. */
  static Path repoWithOneCommit(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("src"));
    GIT.run(dir, "init", "-q", "-b", "main");
    Files.writeString(dir.resolve("README.md"), "hello\n");
    Files.writeString(dir.resolve("src/app.txt"), "app\n");
    commitAll(dir, "initial");
    return dir;
  }

  static String commitAll(Path dir, String message) {
    GIT.run(dir, "add", "-A");
    GIT.run(dir, "-c", "commit.gpgsign=false", "commit", "-q", "-m", message);
    return GIT.run(dir, "rev-parse", "HEAD").strip();
  }

  static Commission commission(String id, Commission.Repo repo) {
    return new Commission(
        id,
        "Work on " + id,
        new Commission.DecisionRef("dec-1", "rev-1"),
        null,
        repo,
        new Commission.Scope(List.of("src/**"), List.of(), List.of()),
        List.of(),
        null,
        null,
        null,
        List.of(),
        3,
        null,
        "body");
  }

  static Commission fromPath(String id, Path repo, String baseRef) {
    return commission(id, new Commission.Repo(repo.toString(), null, baseRef));
  }

  static Commission fromUrl(String id, String url, String baseRef) {
    return commission(id, new Commission.Repo(null, url, baseRef));
  }
}
