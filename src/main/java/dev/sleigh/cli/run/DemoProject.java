package dev.sleigh.cli.run;

import dev.sleigh.domain.Commission;
import dev.sleigh.workspace.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo's small world: a git repository and three commissions the built-in demo agent can carry
 * out offline — one writes a note, one bumps a version (with evidence that checks it) once the
 * first is done, one appends to a changelog.
 */
final class DemoProject {
  static final String DECISION = "dec-demo-release";

  private DemoProject() {}

  /** Creates the repository once; an existing one is left as it is. */
  static void createRepository(Path repo) {
    if (Files.isDirectory(repo.resolve(".git"))) {
      return;
    }
    try {
      Files.createDirectories(repo.resolve("src"));
      Files.writeString(repo.resolve("README.md"), "# Demo project\n");
      Files.writeString(repo.resolve("src/app.txt"), "name=demo\nversion=1\n");
      Files.writeString(repo.resolve("CHANGELOG.md"), "# Changes\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo repository in " + repo, e);
    }
    Git git = new Git();
    git.run(repo, "init", "-q", "-b", "main");
    git.run(repo, "add", ".");
    git.run(repo, "commit", "-q", "-m", "Demo project");
  }

  static List<Commission> commissions(Path repo, String revision) {
    return List.of(
        commission(
            "wc-demo-note",
            "Write a release note",
            repo,
            revision,
            List.of("docs/**"),
            List.of(),
            List.of(),
            "create docs/release-note.md: Version 2 is out.\\nIt was made by the demo agent."),
        commission(
            "wc-demo-version",
            "Bump the version",
            repo,
            revision,
            List.of("src/**"),
            List.of("wc-demo-note"),
            List.of(
                new Commission.Evidence(
                    "version-is-2", "grep -q '^version=2$' src/app.txt", Duration.ofSeconds(30))),
            "replace src/app.txt: version=1 => version=2"),
        commission(
            "wc-demo-changelog",
            "Record the change",
            repo,
            revision,
            List.of("CHANGELOG.md"),
            List.of(),
            List.of(),
            "append CHANGELOG.md: - version 2"));
  }

  private static Commission commission(
      String id,
      String title,
      Path repo,
      String revision,
      List<String> allowed,
      List<String> dependsOn,
      List<Commission.Evidence> evidence,
      String body) {
    return new Commission(
        id,
        title,
        new Commission.DecisionRef(DECISION, revision),
        null,
        new Commission.Repo(repo.toString(), null, "main"),
        new Commission.Scope(allowed, List.of(), List.of()),
        evidence,
        null,
        null,
        null,
        dependsOn,
        Commission.DEFAULT_PRIORITY,
        null,
        body);
  }
}
