package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorReportingTest {
  @TempDir Path dir;

  @Test
  void unsupportedStoreUrlIsAUsageErrorSayingWhatWorks() {
    var cli = new CliHarness(dir);

    var result = cli.run("commission", "list", "--store", "mysql://nowhere", "--json");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("mysql://nowhere", "jdbc:sqlite:", "jdbc:postgresql:");
    assertThat(result.error().path("code").asText()).isEqualTo("invalid");
  }

  @Test
  void storeThatCannotBeOpenedIsUnavailable() throws Exception {
    var cli = new CliHarness(dir);
    Files.writeString(dir.resolve("blocker"), "a file, not a directory");

    var result =
        cli.run("decision", "add", "--id", "d", "--title", "T", "--home", "blocker/home", "--json");

    assertThat(result.exit()).isEqualTo(69);
    assertThat(result.err()).startsWith("sleigh: store_unavailable: ").contains("blocker");
    assertThat(result.error().path("retryable").asBoolean()).isTrue();
  }

  @Test
  void unreachablePostgresStoreIsUnavailable() {
    var cli = new CliHarness(dir);

    var result = cli.run("commission", "list", "--store", "jdbc:postgresql://127.0.0.1:1/sleigh");

    assertThat(result.exit()).isEqualTo(69);
    assertThat(result.err()).startsWith("sleigh: store_unavailable: ");
  }

  @Test
  void storeWrittenByANewerSleighIsRefusedClearly() throws Exception {
    var cli = new CliHarness(dir);
    cli.decision("dec-a");
    String url = "jdbc:sqlite:" + dir.resolve(".sleigh/sleigh.db");
    try (var c = DriverManager.getConnection(url);
        var s = c.createStatement()) {
      s.executeUpdate("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'x', 0)");
    }

    var result = cli.run("commission", "list", "--json");

    assertThat(result.exit()).isEqualTo(69);
    assertThat(result.err()).startsWith("sleigh: schema_too_new: ").contains("upgrade");
    assertThat(result.error().path("code").asText()).isEqualTo("schema_too_new");
  }

  @Test
  void homeAndStoreComeFromTheEnvironmentWhenNotGiven() {
    var cli = new CliHarness(dir);
    cli.variables.put("SLEIGH_HOME", "elsewhere");
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    assertThat(dir.resolve("elsewhere/sleigh.db")).exists();

    cli.variables.put("SLEIGH_STORE", "jdbc:sqlite:" + dir.resolve("other.db"));
    assertThat(cli.run("decision", "list", "--json").error().path("message").asText())
        .contains("no store at " + dir.resolve("other.db"));
    assertThat(cli.run("decision", "add", "--id", "dec-b", "--title", "B").exit()).isZero();
    assertThat(
            cli.run("decision", "list", "--json", "--home", "elsewhere").json().path("decisions"))
        .hasSize(1)
        .allSatisfy(d -> assertThat(d.path("id").asText()).isEqualTo("dec-b"));
    assertThat(
            cli.run(
                    "decision",
                    "list",
                    "--json",
                    "--store",
                    "jdbc:sqlite:" + dir.resolve("elsewhere/sleigh.db"))
                .json()
                .path("decisions"))
        .hasSize(1);
  }

  @Test
  void unknownOptionIsAUsageErrorAndWithJsonOneErrorDocument() {
    var cli = new CliHarness(dir);

    var plain = cli.run("commission", "list", "--colour");
    var json = cli.run("commission", "list", "--colour", "--json");

    assertThat(plain.exit()).isEqualTo(2);
    assertThat(plain.err()).startsWith("sleigh: invalid: ").contains("--colour");
    assertThat(plain.out()).isEmpty();
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.error().path("code").asText()).isEqualTo("invalid");
    assertThat(json.error().path("message").asText()).contains("--colour");
    assertThat(json.error().has("state")).isTrue();
    assertThat(json.error().path("allowed_states").isArray()).isTrue();
  }

  @Test
  void missingOrUnknownSubcommandIsAUsageError() {
    var cli = new CliHarness(dir);

    assertThat(cli.run().exit()).isEqualTo(2);
    assertThat(cli.run("commission").exit()).isEqualTo(2);
    assertThat(cli.run("launch").exit()).isEqualTo(2);
  }

  @Test
  void helpIsNotAnErrorOnAnyCommand() {
    var cli = new CliHarness(dir);

    var root = cli.run("--help");
    var leaf = cli.run("commission", "requeue", "--help");

    assertThat(root.exit()).isZero();
    assertThat(root.out()).contains("commission", "decision", "verify");
    assertThat(leaf.exit()).isZero();
    assertThat(leaf.out()).contains("--reason", "--json", "--home", "--store", "--config");
  }

  @Test
  void globalOptionsWorkBeforeTheVerbToo() {
    var cli = new CliHarness(dir);

    var added =
        cli.run("--json", "--home", "elsewhere", "decision", "add", "--id", "d", "--title", "D");
    var result = cli.run("--json", "--home", "elsewhere", "decision", "list");

    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.json().path("decisions")).hasSize(1);
    assertThat(dir.resolve("elsewhere/sleigh.db")).exists();
  }
}
