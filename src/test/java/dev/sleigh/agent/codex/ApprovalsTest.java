package dev.sleigh.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sleigh.domain.ApprovalPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalsTest {
  @TempDir Path dir;

  @Test
  void aPathIsInTheWorkspaceOnlyWhenItStaysUnderItAfterDotDotIsResolved() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Approvals approvals = new Approvals(ApprovalPolicy.WORKSPACE, ws);

    assertThat(approvals.inWorkspace(ws.resolve("src/a.txt").toString())).isTrue();
    assertThat(approvals.inWorkspace("src/a.txt")).isTrue();
    assertThat(approvals.inWorkspace("src/../../elsewhere/a.txt")).isFalse();
    assertThat(approvals.inWorkspace(dir.resolve("ws-sibling/a.txt").toString())).isFalse();
    assertThat(approvals.inWorkspace("/var/tmp/a.txt")).isFalse();
  }

  @Test
  void aWorkspaceReachedThroughASymlinkKnowsItsRealPathToo() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    Approvals approvals = new Approvals(ApprovalPolicy.WORKSPACE, link);

    assertThat(approvals.inWorkspace(real.resolve("a.txt").toString())).isTrue();
    assertThat(approvals.inWorkspace(link.resolve("a.txt").toString())).isTrue();
  }

  @Test
  void aChangeThatAsksToWriteUnderARootOutsideTheWorkspaceIsDeclined() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Approvals approvals = new Approvals(ApprovalPolicy.WORKSPACE, ws);
    approvals.item(
        Protocol.ITEM_STARTED,
        FakeMessages.fileChangeStarted("t", "p", ws.resolve("a.txt").toString()).path("params"));
    JsonNode request = FakeMessages.fileChangeApproval(1, "t", "p").path("params").deepCopy();
    ((ObjectNode) request).put("grantRoot", "/etc");

    var answer = approvals.decide(RequestAnswers.FILE_CHANGE_APPROVAL, request);

    assertThat(answer.accepted()).isFalse();
    assertThat(answer.paths()).containsExactly(ws.resolve("a.txt").toString(), "/etc");
  }

  @Test
  void aCommandNeverPassesUnderWorkspaceAndEveryRequestPassesUnderAcceptAll() {
    JsonNode command = FakeMessages.commandApproval(1, "t").path("params");
    assertThat(
            new Approvals(ApprovalPolicy.WORKSPACE, dir)
                .decide(RequestAnswers.COMMAND_APPROVAL, command)
                .accepted())
        .isFalse();
    assertThat(
            new Approvals(ApprovalPolicy.ACCEPT_ALL, dir)
                .decide(RequestAnswers.COMMAND_APPROVAL, command)
                .accepted())
        .isTrue();
    assertThat(new Approvals(ApprovalPolicy.WORKSPACE, dir).decide("item/tool/call", command))
        .isNull();
  }
}
