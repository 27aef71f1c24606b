package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that could cost a lot, or mislead, is stopped at the door: files too large or not UTF-8 are
 * refused before parsing, an id-less commission file names one commission however often it is
 * submitted, and bad ids get a clear answer.
 */
class InputLimitsTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void addDecision() {
    cli = new CliHarness(dir);
    cli.decision("dec-auth");
  }

  private static String withoutId(String body) {
    return CliHarness.commissionYaml("x", body).replaceFirst("id: x\n", "");
  }

  @Test
  void theSameFileWithoutAnIdCreatedThreeTimesIsOneCommission() {
    cli.write("wc.yaml", withoutId("Make it time out."));

    String first = null;
    for (int i = 0; i < 3; i++) {
      var created = cli.run("commission", "create", "-f", "wc.yaml", "--json");
      assertThat(created.exit()).as(created.err()).isZero();
      JsonNode c = created.json().path("commissions").get(0);
      assertThat(c.path("created").asBoolean()).isEqualTo(i == 0);
      first = first == null ? c.path("id").asText() : first;
      assertThat(c.path("id").asText()).isEqualTo(first);
    }
    assertThat(first).matches("wc-[0-9a-f]{26}");
    assertThat(cli.run("commission", "list", "--json").json().path("commissions")).hasSize(1);

    cli.write("other.yaml", withoutId("Something else."));
    var other = cli.run("commission", "create", "-f", "other.yaml", "--json");
    assertThat(other.json().path("commissions").get(0).path("id").asText()).isNotEqualTo(first);
  }

  @Test
  void aFiftyMegabyteCommissionFileIsRefusedUnreadNamingTheLimit() throws Exception {
    Path huge = dir.resolve("huge.yaml");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(50_000_000L);
    }

    var result = cli.run("commission", "create", "-f", "huge.yaml", "--json");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("huge.yaml", "50MB", "1MB", "--max-file-size");
    assertThat(cli.run("commission", "list", "--json").json().path("commissions")).isEmpty();
    var allowed = cli.run("--max-file-size", "60MB", "commission", "create", "-f", "huge.yaml");
    assertThat(allowed.err()).doesNotContain("--max-file-size");
  }

  @Test
  void aLineTooLongToParseQuicklyIsRefusedWithItsNumberAndAWayOut() {
    cli.write("long.yaml", withoutId("short") + "problem_card_ref: " + "p".repeat(70_000) + "\n");

    var result = cli.run("commission", "create", "-f", "long.yaml");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("long.yaml:11", "70018 characters", "block scalar");
  }

  @Test
  void aConfigThatIsNotUtf8OrIsADirectoryIsAClearUsageError() throws Exception {
    Files.write(dir.resolve("latin1.md"), new byte[] {'-', '-', '-', '\n', (byte) 0xe9, '\n'});
    var latin1 = cli.run("--config", "latin1.md", "run", "--once");
    assertThat(latin1.exit()).isEqualTo(2);
    assertThat(latin1.err()).contains("latin1.md", "not UTF-8").doesNotContain("Exception");
    var doctor = cli.run("--config", "latin1.md", "doctor");
    assertThat(doctor.exit()).isEqualTo(1);
    assertThat(doctor.out()).contains("FAIL  config", "latin1.md", "not UTF-8");

    Files.createDirectories(dir.resolve("conf.d"));
    var directory = cli.run("--config", "conf.d", "run", "--once");
    assertThat(directory.exit()).isEqualTo(2);
    assertThat(directory.err()).contains("conf.d", "is a directory").doesNotContain("Exception");
    doctor = cli.run("--config", "conf.d", "doctor");
    assertThat(doctor.exit()).isEqualTo(1);
    assertThat(doctor.out()).contains("FAIL  config", "conf.d", "is a directory");
  }

  @Test
  void aRunnerIdThatCannotNameARunnerIsRefused() {
    for (String bad : new String[] {"", " ", "-x", "a b", "x".repeat(200)}) {
      var run = cli.run("run", "--once", "--runner-id", bad);
      assertThat(run.exit()).as("'%s': %s", bad, run.err()).isEqualTo(2);
      assertThat(run.err()).contains("--runner-id");
    }
  }

  @Test
  void logsOfAnUnknownCommissionExitThree() {
    var logs = cli.run("logs", "wc-nope");
    assertThat(logs.exit()).isEqualTo(3);
    assertThat(logs.err()).contains("wc-nope");
  }
}
