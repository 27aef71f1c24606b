package dev.sleigh.agent.codex;

import static dev.sleigh.agent.codex.CodexFixture.RELAXED;
import static dev.sleigh.agent.codex.CodexFixture.first;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.domain.ApprovalPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Requests codex makes of Sleigh mid-turn, and output that is not a message at all. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CodexRequestsTest {
  @TempDir Path dir;
  CodexFixture fx;

  @BeforeEach
  void fixture() {
    fx = new CodexFixture(dir);
  }

  @Test
  void approvalsAndPermissionsAreAcceptedForTheSessionUnderAuto() throws Exception {
    try (AgentSession session = fx.start("approvals", ApprovalPolicy.AUTO, RELAXED)) {
      assertThat(first(session, new TurnRecorder())).isInstanceOf(TurnOutcome.Completed.class);
    }
    assertThat(decision(1).asText()).isEqualTo("acceptForSession");
    assertThat(decision(2).asText()).isEqualTo("acceptForSession");
    assertThat(decision(3).asText()).isEqualTo("approved_for_session");
    JsonNode granted = fx.fake.answerTo(4).path("result");
    assertThat(granted.path("scope").asText()).isEqualTo("session");
    assertThat(granted.path("permissions").path("network").path("enabled").asBoolean()).isTrue();
  }

  @Test
  void approvalsAreDeclinedUnderDenyAndTheTurnGoesOnToItsResult() throws Exception {
    TurnOutcome outcome;
    try (AgentSession session = fx.start("approvals", ApprovalPolicy.DENY, RELAXED)) {
      outcome = first(session, new TurnRecorder());
    }
    assertThat(outcome)
        .isInstanceOfSatisfying(
            TurnOutcome.Completed.class, c -> assertThat(c.finished()).isTrue());
    assertThat(decision(1).asText()).isEqualTo("decline");
    assertThat(decision(2).asText()).isEqualTo("decline");
    assertThat(decision(3).path("denied").path("rejection").asText()).contains("declined");
    JsonNode granted = fx.fake.answerTo(4).path("result");
    assertThat(granted.path("scope").asText()).isEqualTo("turn");
    assertThat(granted.path("permissions").isEmpty()).isTrue();
  }

  @Test
  void aQuestionOnlyAPersonCanAnswerFailsTheTurnAsInputRequiredWithoutHanging() throws Exception {
    long started = System.nanoTime();
    TurnOutcome outcome;
    try (AgentSession session = fx.start("user-input", ApprovalPolicy.AUTO, RELAXED)) {
      outcome = first(session, new TurnRecorder());
    }
    assertThat(outcome).isEqualTo(new TurnOutcome.Failed("input_required", false));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RELAXED.stall());
    assertThat(fx.fake.answerTo(11).path("error").path("code").asInt()).isEqualTo(-32000);
    assertThat(fx.fake.received("turn/interrupt"))
        .singleElement()
        .satisfies(i -> assertThat(i.path("params").path("turnId").asText()).isEqualTo("turn-1"));
  }

  @Test
  void anElicitationIsDeclinedUnderDeny() throws Exception {
    try (AgentSession session = fx.start("elicitation", ApprovalPolicy.DENY, RELAXED)) {
      assertThat(first(session, new TurnRecorder())).isInstanceOf(TurnOutcome.Completed.class);
    }
    assertThat(fx.fake.answerTo(12).path("result").path("action").asText()).isEqualTo("decline");
  }

  @Test
  void anElicitationUnderAutoNeedsAPersonSoTheTurnFailsAsInputRequired() throws Exception {
    try (AgentSession session = fx.start("elicitation", ApprovalPolicy.AUTO, RELAXED)) {
      assertThat(first(session, new TurnRecorder()))
          .isEqualTo(new TurnOutcome.Failed("input_required", false));
    }
  }

  @Test
  void linesThatAreNotMessagesAreSkippedAndUnknownRequestsGetAJsonRpcError() throws Exception {
    TurnOutcome outcome;
    long skipped;
    try (AgentSession session = fx.start("noise", ApprovalPolicy.AUTO, RELAXED)) {
      outcome = first(session, new TurnRecorder());
      skipped = ((CodexSession) session).skippedLines();
    }
    assertThat(outcome)
        .isInstanceOfSatisfying(
            TurnOutcome.Completed.class, c -> assertThat(c.finished()).isTrue());
    assertThat(skipped).isEqualTo(4);
    JsonNode unknown = fx.fake.answerTo(7);
    assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(unknown.path("error").path("message").asText()).contains("sleigh/unknownRequest");
    JsonNode tool = fx.fake.answerTo(8).path("result");
    assertThat(tool.path("success").asBoolean(true)).isFalse();
  }

  private JsonNode decision(long id) {
    return fx.fake.answerTo(id).path("result").path("decision");
  }
}
