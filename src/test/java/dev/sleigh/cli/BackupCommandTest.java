package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.testkit.PostgresFixture;
import dev.sleigh.testkit.StoreDamage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh backup FILE}: a whole, checked copy that restores by copying it into place, never
 * over an existing file, never half written; refused for a damaged store and for PostgreSQL.
 */
class BackupCommandTest {
  @TempDir Path dir;

  private CliHarness storeWithCommissions() {
    var cli = new CliHarness(dir);
    cli.decision("dec-auth");
    cli.write("many.yaml", CorruptStoreTest.commissionsYaml(20));
    var created = cli.run("commission", "create", "-f", "many.yaml");
    assertThat(created.exit()).as(created.err()).isZero();
    return cli;
  }

  private List<String> ids(CliHarness cli, String home) {
    var list = cli.run("commission", "list", "--home", home, "--json");
    assertThat(list.exit()).as(list.err()).isZero();
    return StreamSupport.stream(list.json().path("commissions").spliterator(), false)
        .map(c -> c.path("id").asText())
        .sorted()
        .toList();
  }

  @Test
  void aBackupCopiedIntoAHomeIsTheSameStoreAndPassesVerify() throws Exception {
    var cli = storeWithCommissions();
    Files.createDirectories(dir.resolve("backups"));

    var backup = cli.run("backup", "backups/first.db", "--json");
    var text = cli.run("backup", "backups/second.db");

    assertThat(backup.exit()).as(backup.err()).isEqualTo(0);
    JsonNode view = backup.json();
    Path copy = dir.resolve("backups/first.db");
    assertThat(view.path("file").asText()).isEqualTo(copy.toString());
    assertThat(view.path("commissions").asInt()).isEqualTo(20);
    assertThat(view.path("events").asLong()).isEqualTo(20);
    assertThat(view.path("bytes").asLong()).isEqualTo(Files.size(copy));
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("backed up 20 commissions and 20 events to", "integrity_check");
    try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no partial file is left beside the backups")
          .containsExactlyInAnyOrder("first.db", "second.db");
    }

    Files.createDirectories(dir.resolve("restored"));
    Files.copy(copy, dir.resolve("restored/sleigh.db"));
    var verify = cli.run("verify", "--home", "restored", "--json");

    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.json().path("commissions_checked").asInt()).isEqualTo(20);
    assertThat(verify.json().path("integrity").path("ok").asBoolean()).isTrue();
    assertThat(ids(cli, "restored")).isEqualTo(ids(cli, ".sleigh")).hasSize(20);
  }

  @Test
  void aBackupNeverOverwritesAFileOrWritesOutsideADirectory() throws Exception {
    var cli = storeWithCommissions();
    Path existing = cli.write("existing.db", "not mine to replace");

    var over = cli.run("backup", "existing.db", "--json");
    var nowhere = cli.run("backup", "missing/dir/copy.db", "--json");

    assertThat(over.exit()).isEqualTo(2);
    assertThat(over.error().path("code").asText()).isEqualTo("invalid");
    assertThat(over.error().path("message").asText()).contains(existing.toString(), "exists");
    assertThat(Files.readString(existing)).isEqualTo("not mine to replace");
    assertThat(nowhere.exit()).isEqualTo(2);
    assertThat(nowhere.error().path("message").asText()).contains("no directory");
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  @Test
  void aDamagedStoreIsNotBackedUp() {
    var cli = new CliHarness(dir);
    cli.decision("dec-auth");
    cli.write("many.yaml", CorruptStoreTest.commissionsYaml(CorruptStoreTest.COMMISSIONS));
    assertThat(cli.run("commission", "create", "-f", "many.yaml").exit()).isZero();
    Path db = dir.resolve(".sleigh/sleigh.db");
    StoreDamage.overwritePage(db, StoreDamage.rootPage(db, "commissions"));

    var backup = cli.run("backup", "copy.db", "--json");

    assertThat(backup.exit()).as(backup.err()).isEqualTo(69);
    assertThat(backup.error().path("code").asText()).isEqualTo("store_corrupt");
    assertThat(backup.error().path("message").asText()).contains(db.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("copy"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPostgresStoreIsBackedUpWithItsOwnToolsAndTheCommandSaysWhich() {
    var cli = new CliHarness(dir);
    String url = PostgresFixture.newDatabaseUrl();
    cli.variables.put("SLEIGH_STORE", url);
    cli.decision("dec-auth");

    var backup = cli.run("backup", "copy.db", "--json");

    assertThat(backup.exit()).isEqualTo(2);
    assertThat(backup.error().path("message").asText()).contains("pg_dump", "pg_restore");
    assertThat(dir.resolve("copy.db")).doesNotExist();
  }
}
