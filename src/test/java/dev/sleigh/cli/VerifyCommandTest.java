package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path dir;

  @Test
  void verifyOfAConsistentStoreIsOk() {
    var cli = withOneCommission();

    var result = cli.run("verify", "--json");

    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode view = result.json();
    assertThat(view.path("ok").asBoolean()).isTrue();
    assertThat(view.path("commissions_checked").asInt()).isEqualTo(1);
    assertThat(view.path("problems")).isEmpty();
    assertThat(cli.run("verify").out()).contains("ok");
  }

  @Test
  void verifyReportsARowItsEventsDoNotExplainAndFails() throws Exception {
    var cli = withOneCommission();
    String url = "jdbc:sqlite:" + dir.resolve(".sleigh/sleigh.db");
    try (var c = DriverManager.getConnection(url);
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE commissions SET state = 'completed' WHERE id = 'wc-login'");
    }

    var json = cli.run("verify", "--json");
    var text = cli.run("verify");

    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.json().path("ok").asBoolean()).isFalse();
    JsonNode problem = json.json().path("problems").get(0);
    assertThat(problem.path("commission_id").asText()).isEqualTo("wc-login");
    assertThat(problem.path("problem").asText()).contains("state");
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out()).contains("wc-login");
  }

  private CliHarness withOneCommission() {
    var cli = new CliHarness(dir);
    cli.decision("dec-auth");
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "x"));
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    return cli;
  }
}
