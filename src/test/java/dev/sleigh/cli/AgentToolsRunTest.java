package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner gives its agent session the tool server: a command agent finds its command line in
 * {@code SLEIGH_MCP_COMMAND}, starts it as a child process (this JVM's java and class path) and
 * talks MCP to it over stdio; what the tools wrote shows in {@code result}. {@code agent.tools:
 * false} gives the session none.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentToolsRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  RealClockCli project(String toolsSetting) throws Exception {
    RealClockCli cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path replies = dir.resolve("replies.jsonl");
    String requests =
        String.join(
            "\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"script\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"commission_get\",\"arguments\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"scope_check\",\"arguments\":{\"paths\":[\"src/app.txt\",\"README.md\"]}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"evidence_run\",\"arguments\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"note_add\",\"arguments\":{\"text\":\"checked the evidence myself\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"decision_get\",\"arguments\":{}}}");
    cli.write("requests.jsonl", requests + "\n");
    Path agent =
        cli.write(
            "agent.sh",
            "#!/bin/bash\n"
                + "echo 'version=2' > src/app.txt\n"
                + "echo \"${SLEIGH_MCP_COMMAND:-none}\" > "
                + dir.resolve("command.txt")
                + "\n"
                + "if [ -n \"$SLEIGH_MCP_COMMAND\" ]; then\n"
                + "  eval \"$SLEIGH_MCP_COMMAND\" < "
                + dir.resolve("requests.jsonl")
                + " > "
                + replies
                + " 2> "
                + dir.resolve("server.err")
                + "\n"
                + "fi\n");
    agent.toFile().setExecutable(true);
    cli.write(
        "sleigh.md",
        "---\nengine: {poll_interval: 100ms, lease_ttl: 20s}\n"
            + "agent: {kind: command, command: [\""
            + agent
            + "\"]"
            + toolsSetting
            + "}\n---\n");
    cli.write(
        "wc.yaml",
        "id: wc-a\ntitle: T\ndecision: {id: dec-a}\nrepo: {path: repo, base_ref: main}\n"
            + "scope: {allowed_paths: [\"src/**\"]}\nevidence:\n"
            + "  - {name: unit-tests, command: \"grep -q version=2 src/app.txt && echo all"
            + " green\", timeout: 30s}\nbody: Write version 2.\n");
    assertThat(cli.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    cli.drain();
    return cli;
  }

  @Test
  void theAgentCallsEveryToolThroughTheServerTheRunnerGaveIt() throws Exception {
    RealClockCli cli = project("");
    assertThat(cli.run("commission", "show", "wc-a", "--json").json().path("state").asText())
        .isEqualTo("completed");
    Map<Integer, JsonNode> replies = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("replies.jsonl"))) {
      JsonNode reply = JSON.readTree(line);
      replies.put(reply.path("id").asInt(), reply);
    }
    assertThat(replies)
        .as(Files.readString(dir.resolve("server.err")))
        .containsOnlyKeys(1, 2, 3, 4, 5, 6, 7);
    assertThat(replies.get(2).path("result").path("tools")).hasSize(5);
    assertThat(replies.get(3).at("/result/structuredContent/body").asText())
        .isEqualTo("Write version 2.");
    assertThat(replies.get(4).at("/result/structuredContent/paths/0/allowed").asBoolean()).isTrue();
    assertThat(replies.get(4).at("/result/structuredContent/paths/1/why").asText())
        .isEqualTo("not in allowed_paths");
    assertThat(replies.get(5).at("/result/structuredContent/passed").asBoolean()).isTrue();
    assertThat(replies.get(6).at("/result/isError").asBoolean()).isFalse();
    assertThat(replies.get(7).at("/result/structuredContent/id").asText()).isEqualTo("dec-a");

    JsonNode result = cli.run("result", "wc-a", "--json").json();
    assertThat(result.at("/agent_notes/0/text").asText()).isEqualTo("checked the evidence myself");
    assertThat(result.at("/agent_notes/0/phase").asText()).isEqualTo("execute");
    assertThat(result.at("/agent_evidence/0/passed").asBoolean()).isTrue();
    assertThat(result.at("/agent_evidence/0/results/0/output_tail").asText()).contains("all green");
    // measure still ran the evidence itself for the verdict
    List<String> names =
        java.util.stream.StreamSupport.stream(result.path("evidence").spliterator(), false)
            .map(e -> e.path("name").asText())
            .toList();
    assertThat(names).contains("unit-tests");
  }

  @Test
  void agentToolsFalseGivesTheSessionNoServer() throws Exception {
    RealClockCli cli = project(", tools: false");
    assertThat(Files.readString(dir.resolve("command.txt")).strip()).isEqualTo("none");
    JsonNode result = cli.run("result", "wc-a", "--json").json();
    assertThat(result.path("agent_notes")).isEmpty();
  }
}
