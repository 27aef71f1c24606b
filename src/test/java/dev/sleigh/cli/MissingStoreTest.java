package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where there is no store, only the commands that start new work make one: every other command says
 * so, naming where it looked, and creates neither a home nor a file, so a mistyped {@code --home}
 * never shows an empty store. A store file of 0 bytes is damage, never an empty store.
 */
class MissingStoreTest {
  @TempDir Path dir;

  /** Commands that only read, or change what exists: none of them may start a store. */
  static final List<List<String>> NEVER_CREATE =
      List.of(
          List.of("status"),
          List.of("verify"),
          List.of("logs"),
          List.of("commission", "list"),
          List.of("commission", "show", "wc-a"),
          List.of("commission", "events", "wc-a"),
          List.of("commission", "cancel", "wc-a", "--reason", "r"),
          List.of("commission", "requeue", "wc-a", "--reason", "r"),
          List.of("decision", "list"),
          List.of("decision", "show", "dec-a"),
          List.of("approve", "wc-a"),
          List.of("reject", "wc-a", "--reason", "r"),
          List.of("result", "wc-a"),
          List.of("diff", "wc-a"),
          List.of("apply", "wc-a"),
          List.of("gc", "--dry-run"),
          List.of("backup", "copy.db"));

  @Test
  void noCommandButThoseThatStartWorkCreatesAHomeOrAStoreForAMistypedHome() throws Exception {
    var cli = new CliHarness(dir);
    cli.decision("dec-a");

    for (List<String> command : NEVER_CREATE) {
      var args = Stream.concat(command.stream(), Stream.of("--home", "mistyped", "--json"));
      var result = cli.run(args.toArray(String[]::new));

      assertThat(result.exit()).as(command + ": " + result.err()).isEqualTo(69);
      JsonNode error = result.error();
      assertThat(error.path("code").asText()).as(command.toString()).isEqualTo("store_missing");
      assertThat(error.path("retryable").asBoolean()).isFalse();
      assertThat(error.path("message").asText())
          .as(command.toString())
          .contains(dir.resolve("mistyped").toString(), "--home");
      assertThat(dir.resolve("mistyped")).as(command.toString()).doesNotExist();
    }
    assertThat(dir.resolve("copy.db")).doesNotExist();
  }

  @Test
  void aMistypedHomeFromTheEnvironmentIsNamedAndLeftUncreated() {
    var cli = new CliHarness(dir);
    cli.variables.put("SLEIGH_HOME", dir.resolve("typo/.sleigh").toString());

    var status = cli.run("status");
    var list = cli.run("commission", "list", "--json");

    assertThat(status.exit()).isEqualTo(69);
    assertThat(status.err())
        .startsWith("sleigh: store_missing: no store at " + dir.resolve("typo/.sleigh/sleigh.db"))
        .contains("$SLEIGH_HOME");
    assertThat(list.exit()).isEqualTo(69);
    assertThat(dir.resolve("typo")).doesNotExist();
  }

  @Test
  void theCommandsThatStartWorkCreateTheStore() {
    var cli = new CliHarness(dir);

    assertThat(cli.run("init", "--home", "a").exit()).isZero();
    assertThat(cli.run("decision", "add", "--id", "d", "--title", "D", "--home", "b").exit())
        .isZero();
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-a", "x"));
    var created = cli.run("commission", "create", "-f", "wc.yaml", "--home", "c");

    assertThat(dir.resolve("a/sleigh.db")).isRegularFile();
    assertThat(dir.resolve("b/sleigh.db")).isRegularFile();
    assertThat(created.exit())
        .as("intake refuses the unknown decision, but the store is there")
        .isNotZero();
    assertThat(dir.resolve("c/sleigh.db")).isRegularFile();
    assertThat(cli.run("status", "--home", "a").exit()).isZero();
    assertThat(cli.run("verify", "--home", "a").exit()).isZero();
  }

  @Test
  void aZeroLengthStoreFileIsRefusedByEveryCommandAndLeftAsItIs() throws Exception {
    var cli = new CliHarness(dir);
    Path db = dir.resolve(".sleigh/sleigh.db");
    Files.createDirectories(db.getParent());
    Files.createFile(db);

    var list = cli.run("commission", "list", "--json");
    var add = cli.run("decision", "add", "--id", "d", "--title", "D", "--json");
    var run = cli.run("run", "--once", "--json");
    var verify = cli.run("verify", "--json");
    var text = cli.run("verify");

    for (var refused : List.of(list, add, run)) {
      assertThat(refused.exit()).as(refused.err()).isEqualTo(69);
      assertThat(refused.error().path("code").asText()).isEqualTo("store_corrupt");
      assertThat(refused.error().path("message").asText()).contains(db.toString(), "0 bytes");
    }
    assertThat(verify.exit()).isEqualTo(1);
    JsonNode integrity = verify.json().path("integrity");
    assertThat(integrity.path("ok").asBoolean()).isFalse();
    assertThat(integrity.path("problems").get(0).asText()).contains(db.toString(), "0 bytes");
    assertThat(text.out()).contains("is empty (0 bytes)");
    assertThat(Files.size(db)).isZero();
    try (var files = Files.list(db.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sleigh.db");
    }
  }
}
