package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.GitRepos;
import dev.sleigh.workspace.Git;
import java.nio.file.Path;

/**
 * A project for the delivery commands: a target repository, a command agent that runs {@code
 * script} in the workspace, commissions created from small YAML files, and {@code run --drain}.
 */
final class DeliveryProject {
  static final Git GIT = new Git();

  final Path dir;
  final Path repo;
  final RealClockCli cli;

  DeliveryProject(Path dir, String script) throws Exception {
    this.dir = dir;
    this.cli = new RealClockCli(dir);
    this.repo = GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = cli.write("agent.sh", "#!/bin/bash\nset -e\n" + script + "\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, lease_ttl: 2s, cancel_grace: 1s}
        retry: {backoff_base: 100ms, backoff_max: 1s}
        agent: {kind: command, command: ["%s"], stall_timeout: 5s}
        ---
        """
            .formatted(agent));
  }

  /** Creates commission {@code id}; {@code extra} is more YAML (evidence, autonomy, …). */
  DeliveryProject commission(String id, String extra) {
    cli.write(
        id + ".yaml",
        """
        id: %s
        title: Improve the app
        decision: {id: dec-a}
        repo: {path: repo, base_ref: main}
        scope: {allowed_paths: ["src/**"]}
        body: work
        %s
        """
            .formatted(id, extra));
    var created = cli.run("commission", "create", "-f", id + ".yaml");
    assertThat(created.exit()).as(created.err()).isZero();
    return this;
  }

  void drain() {
    cli.drain();
  }

  String state(String id) {
    return cli.run("commission", "show", id, "--json").json().path("state").asText();
  }

  Path workspace(String id) {
    return dir.resolve(".sleigh/workspaces").resolve(id);
  }

  String git(Path where, String... args) {
    return GIT.run(where, args);
  }

  /** What the user of the target repository can see: refs, checked-out branch and status. */
  record TargetView(String refs, String head, String headCommit, String status) {}

  TargetView target() {
    return new TargetView(
        git(repo, "for-each-ref"),
        git(repo, "symbolic-ref", "HEAD"),
        git(repo, "rev-parse", "HEAD"),
        git(repo, "status", "--porcelain", "--untracked-files=all"));
  }
}
