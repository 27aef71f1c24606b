package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.testkit.PostgresFixture;
import java.nio.file.Path;
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
