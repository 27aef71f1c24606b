package dev.sleigh.agent.codex;

import static dev.sleigh.agent.codex.CodexFixture.RELAXED;
import static dev.sleigh.agent.codex.CodexFixture.alive;
import static dev.sleigh.agent.codex.CodexFixture.first;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turns against the fake app-server: the handshake, and how each turn status becomes an outcome.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CodexSessionTest {
  @TempDir Path dir;
  CodexFixture fx;

  @BeforeEach
  void fixture() {
    fx = new CodexFixture(dir);
  }

  @Test
  void aTurnThatEndsWithTheDoneLineCompletesFinishedWithTheThreadTokenTotals() throws Exception {
    TurnRecorder recorder = new TurnRecorder();
    TurnOutcome outcome;
    long pid;
    try (AgentSession session = fx.start("done", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      pid = session.pid();
      outcome = first(session, recorder);
    }
    assertThat(outcome).isEqualTo(new TurnOutcome.Completed(new TokenUsage(100, 20, 120), true));
    assertThat(recorder.tokens).containsExactly(new TokenUsage(100, 20, 120));
    assertThat(recorder.pids).containsExactly(pid);
    assertThat(recorder.lines).anyMatch(l -> l.contains("\"turn/completed\""));
    assertThat(alive(pid)).isFalse();
  }

  @Test
  void theHandshakeOpensAThreadInTheWorkspaceThenTheTurnCarriesThePrompt() throws Exception {
    try (AgentSession session = fx.start("done", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      first(session, new TurnRecorder());
    }
    List<String> methods =
        fx.fake.transcript().stream().skip(1).map(m -> m.path("method").asText()).toList();
    assertThat(methods).containsExactly("initialize", "initialized", "thread/start", "turn/start");
    JsonNode init = fx.fake.received("initialize").getFirst();
    assertThat(init.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(init.path("params").path("clientInfo").path("name").asText()).isEqualTo("sleigh");
    JsonNode thread = fx.fake.received("thread/start").getFirst().path("params");
    assertThat(thread.path("cwd").asText()).isEqualTo(fx.workspace.toAbsolutePath().toString());
    assertThat(thread.path("approvalPolicy").asText()).isEqualTo("on-request");
    assertThat(thread.path("sandbox").asText()).isEqualTo("workspace-write");
    assertThat(thread.has("model")).isFalse();
    assertThat(thread.path("developerInstructions").asText())
        .isEqualTo(DoneContract.INSTRUCTION)
        .contains("a line that holds only SLEIGH_DONE");
    JsonNode turn = fx.fake.received("turn/start").getFirst().path("params");
    assertThat(turn.path("threadId").asText()).isEqualTo(FakeMessages.THREAD);
    assertThat(turn.path("input").path(0).path("type").asText()).isEqualTo("text");
    assertThat(turn.path("input").path(0).path("text").asText()).isEqualTo("Change the greeting.");
  }

  @Test
  void theSandboxModelEffortAndExtraArgumentsGoWhereCodexReadsThem() throws Exception {
    var options =
        new CodexOptions(
            ApprovalPolicy.WORKSPACE,
            Duration.ofSeconds(10),
            Map.of(),
            "read-only",
            new AgentTuning("gpt-test", "high", List.of("--listen", "stdio://")));
    try (AgentSession session =
        fx.fake.agent("done", options, Map.of(), Map.of()).start(fx.spec(RELAXED))) {
      first(session, new TurnRecorder());
    }
    JsonNode thread = fx.fake.received("thread/start").getFirst().path("params");
    assertThat(thread.path("sandbox").asText()).isEqualTo("read-only");
    assertThat(thread.path("model").asText()).isEqualTo("gpt-test");
    JsonNode turn = fx.fake.received("turn/start").getFirst().path("params");
    assertThat(turn.path("effort").asText()).isEqualTo("high");
    assertThat(fx.fake.transcript().getFirst().path("argv").toString())
        .endsWith("\"--listen\",\"stdio://\"]");
  }

  @Test
  void everyMessageSleighSendsConformsToTheCodexSchema() throws Exception {
    var options =
        new CodexOptions(
            ApprovalPolicy.WORKSPACE,
            Duration.ofSeconds(10),
            Map.of(),
            "workspace-write",
            new AgentTuning("gpt-test", "medium", List.of()));
    try (AgentSession session =
        fx.fake.agent("done", options, Map.of(), Map.of()).start(fx.spec(RELAXED))) {
      first(session, new TurnRecorder());
    }
    var requests = new JsonSchemaCheck(SchemaFiles.load("ClientRequest.subset.json"));
    var notifications = new JsonSchemaCheck(SchemaFiles.load("ClientNotification.json"));
    var envelope = new JsonSchemaCheck(SchemaFiles.load("JSONRPCMessage.json"));
    for (JsonNode sent : fx.fake.transcript().subList(1, fx.fake.transcript().size())) {
      assertThat(envelope.problems(sent)).as(sent.toString()).isEmpty();
      var schema = sent.has("id") ? requests : notifications;
      assertThat(schema.problems(sent)).as(sent.toString()).isEmpty();
    }
  }

  @Test
  void continuationTurnsRunOnTheSameThreadOfTheSameProcess() throws Exception {
    TurnRecorder recorder = new TurnRecorder();
    TurnOutcome one;
    TurnOutcome two;
    try (AgentSession session = fx.start("continue", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      one = session.runTurn(new Turn(1, 3, "Do it."), recorder);
      two = session.runTurn(new Turn(2, 3, "Go on."), recorder);
    }
    assertThat(one).isEqualTo(new TurnOutcome.Completed(new TokenUsage(100, 20, 120), false));
    assertThat(two).isEqualTo(new TurnOutcome.Completed(new TokenUsage(200, 40, 240), true));
    assertThat(fx.fake.received("initialize")).hasSize(1);
    assertThat(fx.fake.received("turn/start"))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.path("params").path("threadId").asText()).isEqualTo("thr-1"));
    assertThat(recorder.pids).hasSize(1);
  }

  @Test
  void aFailedTurnIsARetryableFailureEvenThoughItArrivesAsTurnCompleted() throws Exception {
    try (AgentSession session = fx.start("failed", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      assertThat(first(session, new TurnRecorder()))
          .isEqualTo(
              new TurnOutcome.Failed("agent_server_error: codex: upstream returned 500", true));
    }
  }

  @Test
  void aFailureThatANewAttemptWouldMeetAgainIsFinalAndSaysWhatToCheck() throws Exception {
    try (AgentSession session = fx.start("failed-final", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      TurnOutcome outcome = first(session, new TurnRecorder());
      assertThat(outcome.retryable()).isFalse();
      assertThat(outcome.reason())
          .startsWith("agent_auth_failed: codex: bad credentials")
          .contains("agent.env");
    }
  }

  @Test
  void aTurnInterruptedByCodexItselfIsARetryableFailure() throws Exception {
    try (AgentSession session = fx.start("interrupted", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      assertThat(first(session, new TurnRecorder()))
          .isEqualTo(new TurnOutcome.Failed("turn_interrupted", true));
    }
  }

  @Test
  void errorsCodexRetriesCountAsSignsOfLife() throws Exception {
    var timeouts = CodexFixture.timeouts(1_000, 30_000, 1_000);
    try (AgentSession session = fx.start("retrying", ApprovalPolicy.ACCEPT_ALL, timeouts)) {
      assertThat(first(session, new TurnRecorder()))
          .isInstanceOfSatisfying(
              TurnOutcome.Completed.class, c -> assertThat(c.finished()).isTrue());
    }
  }

  @Test
  void anAppServerThatExitsMidTurnIsARetryableFailure() throws Exception {
    try (AgentSession session = fx.start("crash", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      assertThat(first(session, new TurnRecorder()))
          .isEqualTo(new TurnOutcome.Failed("agent_exited: code 3", true));
    }
  }
}
