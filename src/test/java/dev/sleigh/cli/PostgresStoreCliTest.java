package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.testkit.PostgresFixture;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresStoreCliTest {
  @TempDir Path dir;

  @Test
  void everyCommandWorksOnAPostgresStoreGivenByUrlOrEnvironment() {
    var cli = new CliHarness(dir);
    String url = PostgresFixture.newDatabaseUrl();
    cli.variables.put("SLEIGH_STORE", url);
    cli.decision("dec-auth");
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make it time out."));

    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").out()).contains("unchanged");
    cli.variables.remove("SLEIGH_STORE");
    assertThat(
            cli.run("commission", "show", "wc-login", "--store", url, "--json")
                .json()
                .path("state")
                .asText())
        .isEqualTo("queued");
    assertThat(cli.run("approve", "wc-login", "--store", url).exit()).isEqualTo(4);
    assertThat(cli.run("commission", "cancel", "wc-login", "--reason", "r", "--store", url).exit())
        .isZero();
    assertThat(
            cli.run("commission", "events", "wc-login", "--store", url, "--json")
                .json()
                .path("events"))
        .hasSize(2);
    assertThat(cli.run("verify", "--store", url, "--json").json().path("ok").asBoolean()).isTrue();
    assertThat(dir.resolve(".sleigh/sleigh.db")).doesNotExist();
  }

  @Test
  void verifyRunsAmcheckWhereItIsInstalledAndSaysSoWhereItIsNot() throws Exception {
    var cli = new CliHarness(dir);
    String url = PostgresFixture.newDatabaseUrl();
    cli.variables.put("SLEIGH_STORE", url);
    cli.decision("dec-auth");
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make it time out."));
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();

    var without = cli.run("verify", "--json");
    var withoutText = cli.run("verify");
    try (var c = DriverManager.getConnection(url);
        var s = c.createStatement()) {
      s.execute("CREATE EXTENSION amcheck");
    }
    var full = cli.run("verify", "--json");
    var quick = cli.run("verify", "--quick", "--json");

    assertThat(without.exit()).as(without.err()).isZero();
    JsonNode skipped = without.json().path("integrity");
    assertThat(skipped.path("method").asText()).isEqualTo("amcheck");
    assertThat(skipped.path("checked").asBoolean()).isFalse();
    assertThat(skipped.path("note").asText()).contains("CREATE EXTENSION amcheck");
    assertThat(withoutText.out())
        .contains("not checked: amcheck is available", "the database's own check did not run");
    assertThat(full.exit()).as(full.err()).isZero();
    JsonNode checked = full.json().path("integrity");
    assertThat(checked.path("checked").asBoolean()).isTrue();
    assertThat(checked.path("ok").asBoolean()).isTrue();
    assertThat(checked.path("note").asText()).contains("bt_index_check on", "verify_heapam on");
    assertThat(quick.json().path("integrity").path("note").asText())
        .contains("bt_index_check on")
        .doesNotContain("verify_heapam");
  }

  @Test
  void aDatabaseWithoutTheSchemaIsNoStoreForCommandsThatOnlyRead() {
    var cli = new CliHarness(dir);
    String url = PostgresFixture.newDatabaseUrl();

    var status = cli.run("status", "--store", url, "--json");
    var added = cli.run("decision", "add", "--id", "d", "--title", "D", "--store", url);
    var after = cli.run("status", "--store", url);

    assertThat(status.exit()).isEqualTo(69);
    assertThat(status.error().path("code").asText()).isEqualTo("store_missing");
    assertThat(status.error().path("message").asText()).contains("no store at jdbc:postgresql:");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(after.exit()).as(after.err()).isZero();
  }
}
