package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.cli.common.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommissionCommandsTest {
  @TempDir Path dir;
  CliHarness cli;
  String revision;

  @BeforeEach
  void createOneCommission() {
    cli = new CliHarness(dir);
    revision = cli.decision("dec-auth");
    cli.write("wc.yaml", CliHarness.commissionYaml("wc-login", "Make login time out."));
    var created = cli.run("commission", "create", "-f", "wc.yaml");
    assertThat(created.exit()).as(created.err()).isZero();
  }

  @Test
  void aCommissionWhoseValidUntilHasPassedIsRefusedAtCreateAndNothingIsCreated() {
    cli.write(
        "old.yaml",
        CliHarness.commissionYaml("wc-old", "Too late.") + "valid_until: 2026-02-28T10:00:00Z\n");

    var created = cli.run("commission", "create", "-f", "old.yaml");

    assertThat(created.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(created.err()).contains("wc-old", "valid_until", "already passed");
    assertThat(cli.run("commission", "show", "wc-old").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void createdCommissionIsListedQueuedWithItsFullView() {
    JsonNode list = cli.run("commission", "list", "--json").json();

    assertThat(list.path("commissions")).hasSize(1);
    JsonNode c = list.path("commissions").get(0);
    assertThat(c.path("id").asText()).isEqualTo("wc-login");
    assertThat(c.path("title").asText()).isEqualTo("Fix login timeout");
    assertThat(c.path("state").asText()).isEqualTo("queued");
    assertThat(c.path("phase").isNull()).isTrue();
    assertThat(c.path("attempt").asInt()).isZero();
    assertThat(c.path("generation").asInt()).isEqualTo(1);
    assertThat(c.path("lease").isNull()).isTrue();
    assertThat(c.path("retry_at").isNull()).isTrue();
    assertThat(c.path("reason").isNull()).isTrue();
    assertThat(c.path("snapshot_hash").asText()).hasSize(64);
    assertThat(c.path("valid_until").asText()).isEqualTo("2026-03-08T10:00:00Z");
    assertThat(c.path("created_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(c.path("updated_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(c.path("decision").path("id").asText()).isEqualTo("dec-auth");
    assertThat(c.path("decision").path("revision").asText()).isEqualTo(revision);
    assertThat(c.path("priority").asInt()).isEqualTo(2);
  }

  @Test
  void showPrintsTheSameViewAsList() {
    JsonNode shown = cli.run("commission", "show", "wc-login", "--json").json();
    JsonNode listed = cli.run("commission", "list", "--json").json().path("commissions").get(0);

    assertThat(shown).isEqualTo(listed);
    assertThat(cli.run("commission", "show", "wc-login").out())
        .contains("wc-login", "queued", "Fix login timeout", "dec-auth")
        .contains("repo:", "repo @ main", "allowed:", "src/auth/**")
        .contains("evidence:", "unit-tests: mvn -q test (timeout 10m)")
        .contains("body:", "    Make login time out.");
  }

  @Test
  void listFiltersByState() {
    assertThat(
            cli.run("commission", "list", "--state", "queued", "--json").json().path("commissions"))
        .hasSize(1);
    assertThat(
            cli.run("commission", "list", "--state", "running", "--json")
                .json()
                .path("commissions"))
        .isEmpty();
  }

  @Test
  void unknownStateIsAUsageErrorListingTheValidStates() {
    var result = cli.run("commission", "list", "--state", "sleeping");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("sleeping", "queued", "waiting_human", "expired");
  }

  @Test
  void requeueAndCancelAreRecordedAsEventsInOrder() {
    cli.clock.tick(Duration.ofMinutes(1));
    var requeued = cli.run("commission", "requeue", "wc-login", "--reason", "try again", "--json");
    cli.clock.tick(Duration.ofMinutes(1));
    var cancelled = cli.run("commission", "cancel", "wc-login", "--reason", "not needed", "--json");

    assertThat(requeued.exit()).as(requeued.err()).isZero();
    assertThat(requeued.json().path("applied").asBoolean()).isTrue();
    assertThat(requeued.json().path("commission").path("generation").asInt()).isEqualTo(2);
    assertThat(requeued.json().path("commission").path("state").asText()).isEqualTo("queued");
    assertThat(cancelled.exit()).as(cancelled.err()).isZero();
    assertThat(cancelled.json().path("commission").path("state").asText()).isEqualTo("cancelled");
    assertThat(cancelled.json().path("commission").path("reason").asText()).isEqualTo("not needed");

    JsonNode events = cli.run("commission", "events", "wc-login", "--json").json().path("events");
    assertThat(events)
        .extracting(e -> e.path("type").asText())
        .containsExactly("created", "requeued", "cancelled");
    assertThat(events).extracting(e -> e.path("seq").asInt()).containsExactly(1, 2, 3);
    JsonNode last = events.get(2);
    assertThat(last.path("at").asText()).isEqualTo("2026-03-01T10:02:00Z");
    assertThat(last.path("generation").asInt()).isEqualTo(2);
    assertThat(last.path("command_id").asText()).startsWith("op-");
    assertThat(last.path("data").path("reason").asText()).isEqualTo("not needed");
    assertThat(last.has("phase")).isTrue();
    assertThat(last.has("attempt")).isTrue();
    assertThat(last.has("epoch")).isTrue();
  }

  @Test
  void eventsReadAsTextOneLinePerEvent() {
    var result = cli.run("commission", "events", "wc-login");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("created");
  }

  @Test
  void requeueAndCancelNeedAReason() {
    var requeue = cli.run("commission", "requeue", "wc-login");
    var cancel = cli.run("commission", "cancel", "wc-login", "--json");

    assertThat(requeue.exit()).isEqualTo(2);
    assertThat(requeue.err()).contains("--reason");
    assertThat(cancel.exit()).isEqualTo(2);
    assertThat(cancel.error().path("code").asText()).isEqualTo("invalid");
    assertThat(cli.run("commission", "show", "wc-login", "--json").json().path("state").asText())
        .isEqualTo("queued");
  }

  @Test
  void cancelledCommissionCannotBeRequeued() {
    cli.run("commission", "cancel", "wc-login", "--reason", "done with it");

    var result = cli.run("commission", "requeue", "wc-login", "--reason", "again", "--json");

    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.error().path("code").asText()).isEqualTo("lifecycle_forbidden");
    assertThat(result.error().path("state").asText()).isEqualTo("cancelled");
  }

  @Test
  void unknownCommissionIsNotFoundForEveryCommand() {
    assertThat(cli.run("commission", "show", "wc-none").exit()).isEqualTo(3);
    assertThat(cli.run("commission", "events", "wc-none").exit()).isEqualTo(3);
    assertThat(cli.run("commission", "requeue", "wc-none", "--reason", "r").exit()).isEqualTo(3);
    assertThat(cli.run("commission", "cancel", "wc-none", "--reason", "r").exit()).isEqualTo(3);
    var json = cli.run("commission", "show", "wc-none", "--json");
    assertThat(json.error().path("code").asText()).isEqualTo("not_found");
    assertThat(json.err()).startsWith("sleigh: not_found: ");
  }
}
