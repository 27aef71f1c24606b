package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommissionCreateTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void addDecision() {
    cli = new CliHarness(dir);
    cli.decision("dec-auth");
  }

  @Test
  void createPrintsEachCommissionAndWhetherItWasCreated() {
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make it time out."));

    var result = cli.run("commission", "create", "-f", "wc.yaml", "--json");

    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode c = result.json().path("commissions").get(0);
    assertThat(c.path("id").asText()).isEqualTo("wc-login");
    assertThat(c.path("state").asText()).isEqualTo("queued");
    assertThat(c.path("created").asBoolean()).isTrue();
  }

  @Test
  void creatingTheSameFileTwiceIsANoOp() {
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make it time out."));
    cli.run("commission", "create", "-f", "wc.yaml");

    var text = cli.run("commission", "create", "-f", "wc.yaml");
    var json = cli.run("commission", "create", "-f", "wc.yaml", "--json");

    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("unchanged", "wc-login");
    assertThat(json.json().path("commissions").get(0).path("created").asBoolean()).isFalse();
    assertThat(cli.run("commission", "events", "wc-login", "--json").json().path("events"))
        .hasSize(1);
  }

  @Test
  void changedFileUnderAnExistingIdIsAnIntakeConflictThatLeavesTheCommissionAlone() {
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make it time out."));
    cli.run("commission", "create", "-f", "wc.yaml");
    JsonNode before = cli.run("commission", "show", "wc-login", "--json").json();
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Something else entirely."));

    var result = cli.run("commission", "create", "-f", "wc.yaml", "--json");

    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.error().path("code").asText()).isEqualTo("intake_conflict");
    assertThat(result.error().path("retryable").asBoolean()).isFalse();
    assertThat(result.err()).startsWith("sleigh: intake_conflict: ");
    JsonNode after = cli.run("commission", "show", "wc-login", "--json").json();
    assertThat(after.path("snapshot_hash")).isEqualTo(before.path("snapshot_hash"));
    assertThat(after.path("state").asText()).isEqualTo("queued");
    assertThat(cli.run("commission", "events", "wc-login", "--json").json().path("events"))
        .extracting(e -> e.path("type").asText())
        .containsExactly("created", "intake_conflict");
  }

  @Test
  void aFileIsCreatedAllOrNothing() {
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make it time out."));
    cli.run("commission", "create", "-f", "wc.yaml");
    cli.write(
        "many.yaml",
        """
        commissions:
          - id: wc-fresh
            title: A new one
            decision: {id: dec-auth}
            repo: {path: repo, base_ref: main}
            scope: {allowed_paths: [src/**]}
          - id: wc-login
            title: Changed
            decision: {id: dec-auth}
            repo: {path: repo, base_ref: main}
            scope: {allowed_paths: [src/**]}
        """);

    var result = cli.run("commission", "create", "-f", "many.yaml");

    assertThat(result.exit()).isEqualTo(4);
    assertThat(cli.run("commission", "show", "wc-fresh").exit()).isEqualTo(3);
  }

  @Test
  void malformedYamlIsAUsageErrorNamingFileAndLineAndTheStoreIsUntouched() {
    cli.write("bad.yaml", "id: wc-x\ntitle: [unclosed\n");

    var result = cli.run("commission", "create", "-f", "bad.yaml");

    assertRejectedAsInvalid(result, "bad.yaml:");
  }

  @Test
  void unknownKeyIsAUsageErrorNamingFileLineAndKey() {
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "x") + "colour: blue\n");

    var result = cli.run("commission", "create", "-f", "wc.yaml");

    assertRejectedAsInvalid(result, "wc.yaml:12: ");
    assertThat(result.err()).contains("colour");
  }

  @Test
  void badIdIsAUsageErrorNamingTheKey() {
    cli.write("wc.yaml", CliHarness.commissionYaml("WC Login!", "x"));

    var result = cli.run("commission", "create", "-f", "wc.yaml", "--json");

    assertRejectedAsInvalid(result, "wc.yaml:1: id");
    assertThat(result.error().path("code").asText()).isEqualTo("invalid");
  }

  @Test
  void badDurationIsAUsageErrorNamingTheKey() {
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "x").replace("10m", "ten minutes"));

    var result = cli.run("commission", "create", "-f", "wc.yaml");

    assertRejectedAsInvalid(result, "wc.yaml:8: ");
    assertThat(result.err()).contains("timeout");
  }

  @Test
  void missingCommissionFileIsAUsageError() {
    var result = cli.run("commission", "create", "-f", "nowhere.yaml");

    assertRejectedAsInvalid(result, "nowhere.yaml");
  }

  @Test
  void missingFileOptionIsAUsageError() {
    assertThat(cli.run("commission", "create").exit()).isEqualTo(2);
  }

  private void assertRejectedAsInvalid(CliHarness.Result result, String where) {
    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith("sleigh: invalid: ").contains(where);
    try (var store = cli.store()) {
      assertThat(store.list(Optional.empty())).isEmpty();
    }
  }
}
