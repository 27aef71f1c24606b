package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.GitRepos;
import dev.sleigh.testkit.StoreDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh run} on a SQLite store damaged on disk: the runner stops with exit 69 and a message
 * naming the store's file, and records no phase failure: damage is no failure of the work, and
 * retrying it would only spend the commission's retry budget.
 */
@Timeout(60)
class RunOnDamagedStoreTest {
  @TempDir Path dir;
  RealClockCli cli;

  @BeforeEach
  void project() throws Exception {
    cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    Path agent = cli.write("agent.sh", "#!/bin/bash\nmkdir -p src && echo done > src/out.txt\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, concurrency: 2, lease_ttl: 2s, cancel_grace: 1s}
        retry: {max_attempts_per_phase: 3, max_attempts_total: 8, backoff_base: 100ms, backoff_max: 1s}
        agent: {kind: command, command: ["%s"], stall_timeout: 5s, turn_timeout: 30s}
        ---
        ## Execute
        {{commission.body}}
        """
            .formatted(agent));
  }

  private void commissions(int count) {
    assertThat(cli.run("decision", "add", "--id", "dec-auth", "--title", "Auth").exit()).isZero();
    cli.write("many.yaml", CorruptStoreTest.commissionsYaml(count));
    var created = cli.run("commission", "create", "-f", "many.yaml");
    assertThat(created.exit()).as(created.err()).isZero();
  }

  private Path db() {
    return dir.resolve(".sleigh/sleigh.db");
  }

  @Test
  void aDamagedTableReadDuringAPhaseStopsTheRunnerWithoutAPhaseFailure() throws Exception {
    commissions(3);
    StoreDamage.overwritePage(db(), StoreDamage.rootPage(db(), "decisions"));

    var run = cli.run("run", "--drain", "--json");

    assertThat(run.exit()).as(run.err()).isEqualTo(69);
    assertThat(run.err()).contains("store_corrupt", db().toString());
    assertThat(eventTypes()).doesNotContain("phase_failed");
    assertThat(loggedEvents()).doesNotContain("\"phase_failed\"");
  }

  @Test
  void garbageInTheMiddleOfTheFileStopsTheRunnerWithoutAPhaseFailure() throws Exception {
    commissions(CorruptStoreTest.COMMISSIONS);
    StoreDamage.overwriteMiddle(db(), 8192);

    var run = cli.run("run", "--drain", "--json");

    assertThat(run.exit()).as(run.err()).isEqualTo(69);
    assertThat(run.err()).contains("store_corrupt", db().toString());
    assertThat(loggedEvents()).doesNotContain("\"phase_failed\"");
  }

  /** The event types in the store, read around the damaged table. */
  private List<String> eventTypes() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        PreparedStatement p = c.prepareStatement("SELECT type FROM events ORDER BY seq");
        ResultSet rs = p.executeQuery()) {
      var out = new ArrayList<String>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** Every line of the runtime log. */
  private String loggedEvents() throws IOException {
    Path logs = dir.resolve(".sleigh/logs");
    if (!Files.isDirectory(logs)) {
      return "";
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }
}
