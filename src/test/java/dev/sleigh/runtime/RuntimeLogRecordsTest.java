package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.EventType;
import dev.sleigh.runtime.phase.RunNote;
import dev.sleigh.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a run writes to the runtime log: each record stamped, levelled and plain JSON. */
class RuntimeLogRecordsTest extends StoreAndRepoTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Text an object prints of itself: {@code Run[phase=EXECUTE, …]} or a constant in capitals. */
  private static final Pattern OBJECT_TEXT = Pattern.compile("\\w\\[\\w+=|^[A-Z][A-Z_]+$");

  private final List<JsonNode> records = Collections.synchronizedList(new ArrayList<>());

  private List<JsonNode> run(Commission commission) throws Exception {
    Path agent = dir.resolve("agent.sh");
    Files.writeString(agent, "#!/bin/bash\necho hello > src/out.txt\n");
    agent.toFile().setExecutable(true);
    store.intake(commission, "c").orThrow();
    RuntimeLog log = entry -> records.add(JSON.valueToTree(entry));
    try (Runner runner =
        TestRunners.commandRunner(
            store,
            clock,
            dir.resolve("home"),
            List.of(agent.toString()),
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            100_000_000L,
            log)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      runner.tick();
      while (runner.inFlight() > 0) {
        assertThat(System.nanoTime()).as("the run did not end").isLessThan(deadline);
        runner.awaitChange(Duration.ofMillis(200));
        runner.tick();
      }
    }
    assertThat(store.find(commission.id()).orElseThrow().state())
        .isEqualTo(CommissionState.COMPLETED);
    return List.copyOf(records);
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.forEach(child -> out.addAll(strings(child)));
    return out;
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void everyRecordHasTheRunnersTimeALevelAndPlainJsonValues() throws Exception {
    List<JsonNode> log = run(Fixtures.onRepo("wc-a", revision, repo));

    assertThat(log)
        .extracting(r -> r.path("event").asText())
        .contains("claimed", "turn_started", "agent_started", "turn_ended", "completed");
    assertThat(log)
        .allSatisfy(
            r -> {
              assertThat(r.path("ts").asText())
                  .as(r.toString())
                  .isEqualTo(clock.instant().toString());
              assertThat(r.path("level").asText()).as(r.toString()).isIn("info", "warn", "error");
              assertThat(strings(r)).as(r.toString()).noneMatch(s -> OBJECT_TEXT.matcher(s).find());
            });
    assertThat(log).allMatch(r -> r.path("level").asText().equals("info"));
    JsonNode claimed =
        log.stream()
            .filter(r -> r.path("event").asText().equals("claimed"))
            .findFirst()
            .orElseThrow();
    assertThat(claimed.path("data").path("resume").path("next").asText()).isEqualTo("run");
    assertThat(claimed.path("data").path("resume").path("phase").asText()).isEqualTo("preflight");
    assertThat(claimed.path("phase").asText()).isEqualTo("preflight");
    assertThat(claimed.path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void evidenceRecordsCarryTheAttemptTheyBelongTo() throws Exception {
    Commission c =
        Fixtures.withEvidence(
            Fixtures.onRepo("wc-e", revision, repo),
            new Commission.Evidence("unit", "true", Duration.ofSeconds(30)));

    List<JsonNode> log = run(c);

    List<JsonNode> evidence =
        log.stream().filter(r -> r.path("event").asText().equals("evidence_recorded")).toList();
    assertThat(evidence)
        .extracting(r -> r.path("data").path("name").asText())
        .contains("unit", "agent_session");
    assertThat(evidence).allSatisfy(r -> assertThat(r.path("attempt").asInt()).isEqualTo(1));
    assertThat(store.events("wc-e", 0))
        .filteredOn(e -> e.type() == EventType.EVIDENCE_RECORDED)
        .allSatisfy(e -> assertThat(e.attempt()).isEqualTo(1));
  }

  @Test
  void failuresAreWarningsAndAFailedCommissionAnError() {
    assertThat(LogLevel.of(EventType.FAILED, Map.of())).isEqualTo(LogLevel.ERROR);
    assertThat(LogLevel.of(EventType.PHASE_FAILED, Map.of("retryable", true)))
        .isEqualTo(LogLevel.WARN);
    assertThat(LogLevel.of(EventType.BLOCKED, Map.of())).isEqualTo(LogLevel.WARN);
    assertThat(LogLevel.of(EventType.EVIDENCE_RECORDED, Map.of("passed", false)))
        .isEqualTo(LogLevel.WARN);
    assertThat(LogLevel.of(EventType.EVIDENCE_RECORDED, Map.of("passed", true)))
        .isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.of(EventType.COMPLETED, Map.of())).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.of(RunNote.TURN_ENDED, Map.of("outcome", "stalled")))
        .isEqualTo(LogLevel.WARN);
    assertThat(LogLevel.of(RunNote.TURN_ENDED, Map.of("outcome", "completed")))
        .isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.of(RunNote.HOOK, Map.of("passed", false))).isEqualTo(LogLevel.WARN);
    assertThat(LogLevel.of(RunNote.CLAIMED, Map.of())).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.WARN.wire()).isEqualTo("warn");
  }

  @Test
  void valuesAreWrittenAsJsonNotAsTheTextObjectsPrintOfThemselves() {
    record Limit(Duration stallTimeout, CommissionState state) {}

    Map<String, Object> data =
        LogValues.map(
            Map.of("limit", new Limit(Duration.ofSeconds(30), CommissionState.BLOCKED_STALE)));

    assertThat(data)
        .isEqualTo(Map.of("limit", Map.of("stall_timeout", "PT30S", "state", "blocked_stale")));
  }
}
