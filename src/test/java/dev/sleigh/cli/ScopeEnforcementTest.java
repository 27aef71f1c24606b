package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An agent that changes anything outside its scope fails the commission, naming the path. */
class ScopeEnforcementTest {
  @TempDir Path dir;

  RealClockCli project(String agentScript) throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    Path repo = GitRepos.create(dir.resolve("repo"));
    Files.createDirectories(repo.resolve("src/secrets"));
    Files.writeString(repo.resolve("src/secrets/key"), "k\n");
    GitRepos.git(repo, "add", ".");
    GitRepos.git(
        repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "secrets");
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = cli.write("agent.sh", "#!/bin/bash\nset -e\n" + agentScript + "\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, lease_ttl: 2s, cancel_grace: 1s}
        agent: {kind: command, command: ["%s"], stall_timeout: 5s}
        ---
        """
            .formatted(agent));
    cli.write(
        "wc.yaml",
        """
        id: wc-a
        title: Scoped work
        decision: {id: dec-a}
        repo: {path: repo, base_ref: main}
        scope: {allowed_paths: ["src/**"], forbidden_paths: ["src/secrets/**"]}
        body: work
        """);
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    cli.drain();
    return cli;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a normal path outside the scope | echo x > README.md | README.md",
        "a path climbing with .. | echo x > src/../notes.txt | notes.txt",
        "an absolute path into the workspace | echo x > \"$SLEIGH_WORKSPACE/top.txt\" | top.txt",
        "a symlink to outside | ln -s /etc/hostname src/outside | src/outside",
        "a symlink to a forbidden path | ln -s secrets/key src/innocent | src/innocent",
        "a rename into a forbidden path | git mv src/app.txt src/secrets/app.txt | src/secrets/app.txt",
        "a write into a forbidden path | echo x > src/secrets/new | src/secrets/new"
      })
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aChangeOutsideTheScopeFailsTheCommissionNamingThePath(
      String what, String script, String path) throws Exception {
    RealClockCli cli = project(script);
    var show = cli.run("commission", "show", "wc-a", "--json").json();
    assertThat(show.path("state").asText()).as(what).isEqualTo("failed");
    assertThat(show.path("reason").asText()).as(what).startsWith("scope_violation").contains(path);
    assertThat(dir.resolve(".sleigh/workspaces/wc-a")).exists();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anAllowedChangePasses() throws Exception {
    RealClockCli cli =
        project("echo more >> src/app.txt\nmkdir -p src/new && echo x > src/new/file.txt");
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("completed");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anExecuteThatChangesNothingFailsNoChange() throws Exception {
    RealClockCli cli = project("echo looked around");
    var show = cli.run("commission", "show", "wc-a", "--json").json();
    assertThat(show.path("state").asText()).isEqualTo("failed");
    assertThat(show.path("reason").asText()).isEqualTo("no_change");
  }
}
