package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.testkit.StoreDamage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite store damaged on disk: {@code verify} runs SQLite's own integrity check and fails naming
 * what it found, and every other command refuses the store with {@code store_corrupt} (exit 69)
 * naming its file, instead of reading garbage or calling it unreachable.
 */
@Timeout(60)
class CorruptStoreTest {
  static final int COMMISSIONS = 300;

  @TempDir Path dir;

  /** A store with enough commissions that the middle of the file holds their rows and events. */
  static CliHarness storeWithManyCommissions(Path dir) {
    var cli = new CliHarness(dir);
    cli.decision("dec-auth");
    cli.write("many.yaml", commissionsYaml(COMMISSIONS));
    var created = cli.run("commission", "create", "-f", "many.yaml");
    assertThat(created.exit()).as(created.err()).isZero();
    return cli;
  }

  /** {@code count} commissions {@code wc-0 …} of decision {@code dec-auth} on {@code repo}. */
  static String commissionsYaml(int count) {
    StringBuilder yaml = new StringBuilder("commissions:\n");
    for (int i = 0; i < count; i++) {
      yaml.append("  - {id: wc-")
          .append(i)
          .append(", title: Work ")
          .append(i)
          .append(", decision: {id: dec-auth}, repo: {path: repo, base_ref: main},")
          .append(" scope: {allowed_paths: [\"src/**\"]}, body: \"")
          .append("change something under src, carefully. ".repeat(10))
          .append("\"}\n");
    }
    return yaml.toString();
  }

  private Path db() {
    return dir.resolve(".sleigh/sleigh.db");
  }

  @Test
  void verifyOfAStoreWithGarbageInTheMiddleFailsNamingWhatSqliteFound() {
    var cli = storeWithManyCommissions(dir);
    assertThat(StoreDamage.integrityCheck(db())).containsExactly("ok");
    StoreDamage.overwriteMiddle(db(), 8192);
    var found = StoreDamage.integrityCheck(db());
    assertThat(found).as("SQLite itself sees the damage").isNotEqualTo(List.of("ok"));

    var json = cli.run("verify", "--json");
    var text = cli.run("verify");
    var quick = cli.run("verify", "--quick", "--json");

    assertThat(json.exit()).as(json.err()).isEqualTo(1);
    JsonNode view = json.json();
    assertThat(view.path("ok").asBoolean()).isFalse();
    JsonNode integrity = view.path("integrity");
    assertThat(integrity.path("method").asText()).isEqualTo("integrity_check");
    assertThat(integrity.path("checked").asBoolean()).isTrue();
    assertThat(integrity.path("ok").asBoolean()).isFalse();
    assertThat(integrity.path("problems").get(0).asText()).isEqualTo(found.getFirst());
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out())
        .contains("store (integrity_check): " + found.getFirst())
        .contains("found " + found.size() + " problem(s)");
    assertThat(quick.exit()).isEqualTo(1);
    assertThat(quick.json().path("integrity").path("method").asText()).isEqualTo("quick_check");
    assertThat(quick.json().path("integrity").path("problems")).isNotEmpty();
  }

  @Test
  void verifyOfACleanStoreSaysTheDatabaseCheckRanAndFoundNothing() {
    var cli = storeWithManyCommissions(dir);

    var json = cli.run("verify", "--json");
    var text = cli.run("verify");

    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode integrity = json.json().path("integrity");
    assertThat(integrity.path("checked").asBoolean()).isTrue();
    assertThat(integrity.path("ok").asBoolean()).isTrue();
    assertThat(integrity.path("problems")).isEmpty();
    assertThat(json.json().path("commissions_checked").asInt()).isEqualTo(COMMISSIONS);
    assertThat(text.out()).contains("ok: " + COMMISSIONS, "integrity_check found nothing");
  }

  @Test
  void aCommandReadingADamagedTableIsRefusedAsCorruptNamingTheFile() {
    var cli = storeWithManyCommissions(dir);
    StoreDamage.overwritePage(db(), StoreDamage.rootPage(db(), "commissions"));
    assertThat(StoreDamage.integrityCheck(db())).isNotEqualTo(List.of("ok"));

    var list = cli.run("commission", "list", "--json");
    var show = cli.run("commission", "show", "wc-7");

    assertThat(list.exit()).as(list.err()).isEqualTo(69);
    JsonNode error = list.error();
    assertThat(error.path("code").asText()).isEqualTo("store_corrupt");
    assertThat(error.path("retryable").asBoolean()).isFalse();
    assertThat(error.path("message").asText()).contains(db().toString(), "SQLITE_CORRUPT");
    assertThat(show.exit()).isEqualTo(69);
    assertThat(show.err()).startsWith("sleigh: store_corrupt: ").contains(db().toString());
    assertThat(cli.run("verify").exit()).isEqualTo(1);
  }

  @Test
  void aStoreWhoseHeaderIsGarbageIsNoDatabaseForVerifyAndIsRefusedByTheRest() throws IOException {
    var cli = storeWithManyCommissions(dir);
    try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
      f.write("this is not a database header, only text where SQLite's magic was".getBytes());
    }

    var verify = cli.run("verify", "--json");
    var show = cli.run("commission", "show", "wc-1", "--json");
    var add = cli.run("decision", "add", "--id", "dec-b", "--title", "B", "--json");

    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.json().path("integrity").path("problems").get(0).asText())
        .contains(db().toString(), "SQLITE_NOTADB");
    assertThat(show.exit()).isEqualTo(69);
    assertThat(show.error().path("code").asText()).isEqualTo("store_corrupt");
    assertThat(add.exit()).isEqualTo(69);
    assertThat(add.error().path("code").asText()).isEqualTo("store_corrupt");
  }
}
