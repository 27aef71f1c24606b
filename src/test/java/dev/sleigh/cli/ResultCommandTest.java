package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ResultCommandTest {
  static final String WORK = "echo more >> src/app.txt\necho made > src/out.txt";
  static final String EVIDENCE =
      """
      evidence:
        - {name: has-output, command: "test -f src/out.txt", timeout: 30s}
      """;

  @TempDir Path dir;

  static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void resultOfACompletedCommissionShowsPhasesEvidenceTokensAndChangedFiles() throws Exception {
    DeliveryProject p = new DeliveryProject(dir, WORK).commission("wc-a", EVIDENCE);
    p.drain();

    JsonNode result = p.cli.run("result", "wc-a", "--json").json();

    assertThat(result.path("state").asText()).isEqualTo("completed");
    assertThat(result.path("ended").path("event").asText()).isEqualTo("completed");
    assertThat(list(result.path("phases")))
        .extracting(ph -> ph.path("phase").asText())
        .containsExactly("preflight", "frame", "execute", "measure");
    assertThat(list(result.path("phases")))
        .allSatisfy(
            ph -> {
              assertThat(ph.path("status").asText()).isEqualTo("passed");
              assertThat(ph.path("attempts")).hasSize(1);
              assertThat(ph.path("duration_ms").isNumber()).isTrue();
            });
    assertThat(list(result.path("evidence")))
        .extracting(e -> e.path("name").asText())
        .containsExactly("agent_session", "has-output");
    assertThat(list(result.path("evidence")).get(1).path("facts").path("passed").asBoolean())
        .isTrue();
    assertThat(result.path("tokens").path("sessions").asInt()).isEqualTo(1);
    assertThat(result.path("tokens").path("turns").asInt()).isEqualTo(1);
    JsonNode changes = result.path("changes");
    assertThat(list(changes.path("files")))
        .extracting(f -> f.path("status").asText() + " " + f.path("path").asText())
        .containsExactly("M src/app.txt", "A src/out.txt");
    assertThat(changes.path("insertions").asInt()).isEqualTo(2);
    assertThat(changes.path("base_commit").asText())
        .isEqualTo(p.git(p.repo, "rev-parse", "main").strip());
    assertThat(result.path("runs")).isNotEmpty();

    var text = p.cli.run("result", "wc-a");
    assertThat(text.out())
        .contains(
            "wc-a  completed",
            "execute",
            "has-output",
            "src/out.txt",
            "2 file(s) changed, 2 insertion(s)");
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void resultShowsTheApprovalOfAOneWayDoorAndTheAttemptsOfARetriedPhase() throws Exception {
    String script =
        "echo more >> src/app.txt\n"
            + "if [ ! -f \"$SLEIGH_WORKSPACE/../tried\" ]; then touch \"$SLEIGH_WORKSPACE/../tried\"; exit 3; fi";
    DeliveryProject p =
        new DeliveryProject(dir, script)
            .commission("wc-a", "autonomy: {one_way_door: require_approval}");
    p.drain();
    assertThat(p.state("wc-a")).isEqualTo("waiting_human");
    assertThat(p.cli.run("approve", "wc-a", "--reason", "looks right").exit()).isZero();
    p.drain();

    JsonNode result = p.cli.run("result", "wc-a", "--json").json();

    assertThat(result.path("state").asText()).isEqualTo("completed");
    assertThat(list(result.path("approvals")))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("decision").asText()).isEqualTo("approved");
              assertThat(a.path("reason").asText()).isEqualTo("looks right");
              assertThat(a.path("phase").asText()).isEqualTo("execute");
            });
    JsonNode execute = list(result.path("phases")).get(2);
    assertThat(list(execute.path("attempts")))
        .extracting(a -> a.path("outcome").asText(), a -> a.path("reason").asText())
        .containsExactly(tuple("failed", "exit_code:3"), tuple("passed", "human_gate: approved"));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aFailureShowsTheBudgetThatRanOutTheLastAttemptItsOutputAndEveryAttemptsLog()
      throws Exception {
    DeliveryProject p =
        new DeliveryProject(dir, WORK)
            .commission(
                "wc-f",
                """
                evidence:
                  - {name: unit, command: "echo 'unit: 1 test failed'; exit 1", timeout: 30s}
                """);
    p.drain();
    assertThat(p.state("wc-f")).isEqualTo("failed");

    JsonNode result = p.cli.run("result", "wc-f", "--json").json();

    assertThat(result.path("reason").asText()).isEqualTo("retry_budget_exhausted");
    JsonNode failure = result.path("failure");
    assertThat(failure.path("exhausted").asText()).isEqualTo("max_attempts_per_phase");
    assertThat(failure.path("budget").path("phase_failures").asInt()).isEqualTo(3);
    assertThat(failure.path("budget").path("max_attempts_per_phase").asInt()).isEqualTo(3);
    assertThat(failure.path("phase").asText()).isEqualTo("measure");
    assertThat(failure.path("attempt").asInt()).isEqualTo(3);
    assertThat(failure.path("reason").asText()).isEqualTo("evidence_failed:unit");
    assertThat(failure.path("output_from").asText()).isEqualTo("evidence unit");
    assertThat(failure.path("output_tail").asText()).contains("unit: 1 test failed");
    List<JsonNode> logs = list(failure.path("logs"));
    assertThat(logs)
        .extracting(
            l ->
                l.path("phase").asText()
                    + "#"
                    + l.path("attempt").asInt()
                    + (l.path("evidence").isNull() ? "" : " " + l.path("evidence").asText()))
        .contains("execute#1", "measure#1 unit", "measure#2 unit", "measure#3 unit");
    assertThat(logs).allSatisfy(l -> assertThat(Path.of(l.path("path").asText())).exists());

    var text = p.cli.run("result", "wc-f");
    assertThat(text.out())
        .contains(
            "failure:",
            "max_attempts_per_phase ran out: measure failed 3 of 3 attempts",
            "measure#3  evidence_failed:unit",
            "| unit: 1 test failed",
            "measure#3 unit",
            "measure-3-unit.log");

    JsonNode status = p.cli.run("status", "--json").json();
    JsonNode recent = list(status.path("recent_failures")).getFirst();
    assertThat(recent.path("id").asText()).isEqualTo("wc-f");
    assertThat(recent.path("exhausted").asText()).isEqualTo("max_attempts_per_phase");
    assertThat(recent.path("phase").asText()).isEqualTo("measure");
    assertThat(recent.path("attempt").asInt()).isEqualTo(3);
    assertThat(recent.path("last_reason").asText()).isEqualTo("evidence_failed:unit");
    assertThat(p.cli.run("status").out())
        .contains("max_attempts_per_phase ran out; last measure#3: evidence_failed:unit");
  }

  @Test
  void resultOfAnUnknownCommissionExitsThree() throws Exception {
    DeliveryProject p = new DeliveryProject(dir, "true");
    var result = p.cli.run("result", "wc-nope", "--json");
    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.json().path("error").path("code").asText()).isEqualTo("not_found");
  }
}
