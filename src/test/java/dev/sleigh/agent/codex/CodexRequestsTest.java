package dev.sleigh.agent.codex;

import static dev.sleigh.agent.codex.CodexFixture.RELAXED;
import static dev.sleigh.agent.codex.CodexFixture.first;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.AgentApproval;
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
  void approvalsAndPermissionsAreAcceptedForTheSessionUnderAcceptAll() throws Exception {
    try (AgentSession session = fx.start("approvals", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
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
  void underAcceptAllEveryRequestIsStillReportedAsAccepted() throws Exception {
    TurnRecorder recorder = new TurnRecorder();
    try (AgentSession session = fx.start("approvals", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      first(session, recorder);
    }
    assertThat(recorder.approvals)
        .extracting(AgentApproval::kind, AgentApproval::decision, AgentApproval::policy)
        .containsExactly(
            tuple("command", "accepted", "accept_all"),
            tuple("file_change", "accepted", "accept_all"),
            tuple("command", "accepted", "accept_all"),
            tuple("permissions", "accepted", "accept_all"));
  }

  @Test
  void underWorkspaceOnlyAChangeInsideTheWorkspaceIsAcceptedAndEveryRequestIsReported()
      throws Exception {
    TurnRecorder recorder = new TurnRecorder();
    try (AgentSession session =
        fx.start("approvals-workspace", ApprovalPolicy.WORKSPACE, RELAXED)) {
      assertThat(first(session, recorder)).isInstanceOf(TurnOutcome.Completed.class);
    }
    assertThat(decision(5).asText()).isEqualTo("accept");
    assertThat(decision(6).asText()).isEqualTo("decline");
    assertThat(decision(7).asText()).isEqualTo("decline");
    assertThat(decision(1).asText()).isEqualTo("decline");
    JsonNode granted = fx.fake.answerTo(4).path("result");
    assertThat(granted.path("permissions").isEmpty()).isTrue();
    assertThat(recorder.approvals)
        .extracting(
            AgentApproval::kind,
            a -> a.paths().size(),
            AgentApproval::decision,
            AgentApproval::policy)
        .containsExactly(
            tuple("file_change", 1, "accepted", "workspace"),
            tuple("file_change", 1, "declined", "workspace"),
            tuple("file_change", 0, "declined", "workspace"),
            tuple("command", 0, "declined", "workspace"),
            tuple("permissions", 0, "declined", "workspace"));
    assertThat(recorder.approvals.get(1).paths()).containsExactly("/var/tmp/sleigh-outside/x.txt");
    assertThat(recorder.approvals.get(3).command()).isEqualTo("rm -rf build");
    assertThat(recorder.approvals.get(4).requested()).contains("network");
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
    try (AgentSession session = fx.start("user-input", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
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
    try (AgentSession session = fx.start("elicitation", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
      assertThat(first(session, new TurnRecorder()))
          .isEqualTo(new TurnOutcome.Failed("input_required", false));
    }
  }

  @Test
  void linesThatAreNotMessagesAreSkippedAndUnknownRequestsGetAJsonRpcError() throws Exception {
    TurnOutcome outcome;
    long skipped;
    try (AgentSession session = fx.start("noise", ApprovalPolicy.ACCEPT_ALL, RELAXED)) {
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
