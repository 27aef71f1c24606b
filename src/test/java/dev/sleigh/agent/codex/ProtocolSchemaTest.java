package dev.sleigh.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sleigh.domain.ApprovalPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sleigh's messages and the fake app-server's, checked against the schema of the tested codex
 * release (a copy under {@code src/test/resources}; {@code CodexSchemaIT} keeps it current).
 */
class ProtocolSchemaTest {
  private static final Map<String, String> RESPONSE_SCHEMAS =
      Map.of(
          RequestAnswers.COMMAND_APPROVAL, "CommandExecutionRequestApprovalResponse.json",
          RequestAnswers.FILE_CHANGE_APPROVAL, "FileChangeRequestApprovalResponse.json",
          RequestAnswers.LEGACY_EXEC_APPROVAL, "ExecCommandApprovalResponse.json",
          RequestAnswers.LEGACY_PATCH_APPROVAL, "ApplyPatchApprovalResponse.json",
          RequestAnswers.PERMISSIONS, "PermissionsRequestApprovalResponse.json",
          RequestAnswers.ELICITATION, "McpServerElicitationRequestResponse.json",
          RequestAnswers.TOOL_CALL, "DynamicToolCallResponse.json");

  @Test
  void everyRequestMethodOfTheReleaseHasADeliberateAnswer() {
    Set<String> methods = new TreeSet<>();
    for (JsonNode branch : SchemaFiles.load("ServerRequest.json").path("oneOf")) {
      methods.add(branch.path("properties").path("method").path("enum").path(0).asText());
    }
    assertThat(new TreeSet<>(RequestAnswers.KNOWN)).isEqualTo(methods);
  }

  @ParameterizedTest
  @EnumSource(ApprovalPolicy.class)
  void everyAnswerHasTheShapeTheReleaseExpects(ApprovalPolicy policy) throws IOException {
    for (JsonNode request : fakeRequests()) {
      String method = request.path("method").asText();
      JsonNode params = request.path("params");
      var approval = new Approvals(policy, Path.of("/ws")).decide(method, params);
      var answer = RequestAnswers.answer(method, params, policy, approval);
      if (answer instanceof RequestAnswers.Answer.Reply reply) {
        JsonNode result = SchemaFiles.JSON.readTree(RpcChannel.encode(reply.result()));
        var schema = new JsonSchemaCheck(SchemaFiles.load(RESPONSE_SCHEMAS.get(method)));
        assertThat(schema.problems(result))
            .as(method + " under " + policy + ": " + result)
            .isEmpty();
      }
    }
  }

  @Test
  void errorAnswersAreJsonRpcErrors() throws IOException {
    JsonNode error =
        SchemaFiles.JSON.readTree(
            RpcChannel.encode(
                new Protocol.ErrorResponse(
                    Protocol.JSONRPC,
                    SchemaFiles.JSON.valueToTree(7),
                    new Protocol.ErrorBody(
                        RequestAnswers.METHOD_NOT_FOUND, "method not found: x"))));
    var check = new JsonSchemaCheck(SchemaFiles.load("JSONRPCMessage.json"));
    assertThat(check.problems(error)).isEmpty();
  }

  @Test
  void theFakeAppServerSpeaksTheSchemaToo() {
    var requests = new JsonSchemaCheck(SchemaFiles.load("ServerRequest.json"));
    for (JsonNode request : fakeRequests()) {
      assertThat(requests.problems(request)).as(request.toString()).isEmpty();
    }
    var notifications = new JsonSchemaCheck(SchemaFiles.load("ServerNotification.subset.json"));
    List<ObjectNode> sent =
        List.of(
            FakeMessages.turnStarted("t"),
            FakeMessages.turnCompleted("t", "completed", null, null),
            FakeMessages.turnCompleted("t", "failed", "boom", "internalServerError"),
            FakeMessages.agentMessage("t", "m", "hi"),
            FakeMessages.fileChangeStarted("t", "p", "/ws/src/a.txt"),
            FakeMessages.tokens("t", 3, 4),
            FakeMessages.error("t", "retrying", true));
    for (ObjectNode n : sent) {
      assertThat(notifications.problems(n)).as(n.toString()).isEmpty();
    }
  }

  @Test
  void theCheckerRejectsWhatTheSchemaForbids() {
    var requests = new JsonSchemaCheck(SchemaFiles.load("ClientRequest.subset.json"));
    ObjectNode bad =
        FakeMessages.request(1, "turn/start", FakeMessages.object().put("thread", "x"));
    assertThat(requests.problems(bad)).isNotEmpty();
    ObjectNode wrongSandbox =
        FakeMessages.request(1, "thread/start", FakeMessages.object().put("sandbox", "everything"));
    assertThat(requests.problems(wrongSandbox)).isNotEmpty();
  }

  private static List<JsonNode> fakeRequests() {
    List<JsonNode> all = new ArrayList<>();
    all.add(FakeMessages.commandApproval(1, "t"));
    all.add(FakeMessages.fileChangeApproval(2, "t"));
    all.add(FakeMessages.legacyExecApproval(3));
    all.add(FakeMessages.permissions(4, "t"));
    all.add(FakeMessages.userInput(5, "t"));
    all.add(FakeMessages.elicitation(6, "t"));
    all.add(FakeMessages.toolCall(7, "t"));
    return all;
  }
}
