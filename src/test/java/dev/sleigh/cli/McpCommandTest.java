package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.Main;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.store.Claimed;
import dev.sleigh.store.CommissionStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh mcp} driven over its standard input and output as an agent drives it (JSON-RPC, one
 * message a line), on a real store: every tool answers for the session's commission, what the tools
 * write shows in {@code result}, and once another runner has taken the lease over every call is
 * refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TTL = Duration.ofMinutes(1);

  @TempDir Path dir;
  CliHarness h;
  CommissionStore store;
  Path workspace;
  Session session;

  @BeforeEach
  void commissionClaimedByARunner() throws Exception {
    h = new CliHarness(dir);
    h.decision("dec-auth");
    h.write(
        "wc.yaml",
        """
        id: wc-tools
        title: Fix login timeout
        decision: {id: dec-auth}
        repo: {path: repo, base_ref: main}
        scope:
          allowed_paths: [src/auth/**]
          forbidden_paths: [src/auth/secrets/**]
        evidence:
          - {name: unit-tests, command: "echo all green", timeout: 30s}
          - {name: lint, command: "echo lint broke; exit 3", timeout: 30s}
        body: |
          Make the login timeout configurable.
        """);
    assertThat(h.run("commission", "create", "-f", "wc.yaml").exit()).isZero();
    store = h.store();
    workspace = Files.createDirectories(dir.resolve("ws"));
  }

  @AfterEach
  void close() throws Exception {
    if (session != null) {
      session.close();
    }
    store.close();
  }

  Claimed claim(String runner) {
    return store
        .claim(new Claim(runner, TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, "wc-tools"))
        .orElseThrow();
  }

  @Test
  void everyToolAnswersForTheSessionsCommissionAndItsWritesShowInResult() throws Exception {
    Claimed claimed = claim("runner-a");
    session = Session.start(h, workspace, claimed.token().epoch());

    JsonNode init =
        session.call(
            "initialize",
            Map.of(
                "protocolVersion",
                "2025-06-18",
                "capabilities",
                Map.of(),
                "clientInfo",
                Map.of("name", "test", "version", "1")));
    assertThat(init.path("result").path("protocolVersion").asText()).isEqualTo("2025-06-18");
    assertThat(init.path("result").path("serverInfo").path("name").asText()).isEqualTo("sleigh");
    assertThat(init.path("result").path("capabilities").has("tools")).isTrue();
    session.notify("notifications/initialized");

    JsonNode list = session.call("tools/list", Map.of());
    List<String> names = new ArrayList<>();
    list.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names)
        .containsExactlyInAnyOrder(
            "commission_get", "decision_get", "scope_check", "evidence_run", "note_add");
    list.path("result")
        .path("tools")
        .forEach(t -> assertThat(t.path("inputSchema").path("type").asText()).isEqualTo("object"));

    JsonNode commission = session.tool("commission_get", Map.of());
    assertThat(commission.path("isError").asBoolean()).isFalse();
    JsonNode c = commission.path("structuredContent");
    assertThat(c.path("id").asText()).isEqualTo("wc-tools");
    assertThat(c.path("body").asText()).contains("login timeout configurable");
    assertThat(c.path("scope").path("allowed_paths").get(0).asText()).isEqualTo("src/auth/**");
    assertThat(c.path("evidence").get(0).path("command").asText()).isEqualTo("echo all green");
    assertThat(c.path("decision").path("id").asText()).isEqualTo("dec-auth");
    assertThat(c.path("decision").path("fresh").asBoolean()).isTrue();
    assertThat(commission.path("content").get(0).path("text").asText()).contains("wc-tools");

    JsonNode decision = session.tool("decision_get", Map.of()).path("structuredContent");
    assertThat(decision.path("id").asText()).isEqualTo("dec-auth");
    assertThat(decision.path("status").asText()).isEqualTo("active");

    JsonNode scope =
        session
            .tool(
                "scope_check",
                Map.of(
                    "paths",
                    List.of("src/auth/Login.java", "README.md", "src/auth/secrets/key", "../x")))
            .path("structuredContent");
    assertThat(scope.path("allowed").asBoolean()).isFalse();
    JsonNode paths = scope.path("paths");
    assertThat(paths.get(0).path("allowed").asBoolean()).isTrue();
    assertThat(paths.get(1).path("why").asText()).isEqualTo("not in allowed_paths");
    assertThat(paths.get(2).path("why").asText()).isEqualTo("forbidden by src/auth/secrets/**");
    assertThat(paths.get(3).path("why").asText()).isEqualTo("leaves the workspace");

    JsonNode evidence = session.tool("evidence_run", Map.of());
    assertThat(evidence.path("isError").asBoolean()).isFalse();
    JsonNode ran = evidence.path("structuredContent");
    assertThat(ran.path("passed").asBoolean()).isFalse();
    assertThat(ran.path("results").get(0).path("name").asText()).isEqualTo("unit-tests");
    assertThat(ran.path("results").get(0).path("exit_code").asInt()).isZero();
    assertThat(ran.path("results").get(0).path("output_tail").asText()).contains("all green");
    assertThat(ran.path("results").get(1).path("exit_code").asInt()).isEqualTo(3);

    JsonNode note = session.tool("note_add", Map.of("text", "kept the old default of 30s"));
    assertThat(note.path("isError").asBoolean()).as(note.toString()).isFalse();

    JsonNode empty = session.tool("note_add", Map.of("text", " "));
    assertThat(empty.path("isError").asBoolean()).isTrue();
    JsonNode unknown = session.call("resources/list", Map.of());
    assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);

    JsonNode result = h.run("result", "wc-tools", "--json").json();
    assertThat(result.path("agent_notes").get(0).path("text").asText())
        .isEqualTo("kept the old default of 30s");
    JsonNode agentEvidence = result.path("agent_evidence").get(0);
    assertThat(agentEvidence.path("passed").asBoolean()).isFalse();
    assertThat(agentEvidence.path("results").get(1).path("name").asText()).isEqualTo("lint");
    // the agent's own check is never measure's evidence
    assertThat(result.path("evidence")).isEmpty();
    String text = h.run("result", "wc-tools").out();
    assertThat(text).contains("agent notes:").contains("kept the old default of 30s");
    assertThat(text).contains("agent-run evidence").contains("lint exit 3");
  }

  @Test
  void aCallAfterTheLeaseWasTakenOverIsRefused() throws Exception {
    Claimed first = claim("runner-a");
    session = Session.start(h, workspace, first.token().epoch());
    session.call("initialize", Map.of("protocolVersion", "2025-06-18"));
    assertThat(session.tool("note_add", Map.of("text", "before")).path("isError").asBoolean())
        .isFalse();

    // runner-a stops heartbeating; runner-b takes the commission over under a new epoch
    h.clock.tick(TTL.plusSeconds(1));
    Claimed second = claim("runner-b");
    assertThat(second.token().epoch()).isGreaterThan(first.token().epoch());

    for (String tool : List.of("commission_get", "scope_check", "evidence_run", "note_add")) {
      JsonNode refused =
          session.tool(tool, Map.of("text", "after", "paths", List.of("src/auth/A.java")));
      assertThat(refused.path("isError").asBoolean()).as(tool).isTrue();
      assertThat(refused.path("content").get(0).path("text").asText())
          .as(tool)
          .contains("lease_fenced")
          .contains("epoch " + first.token().epoch())
          .contains("runner-b");
    }
    JsonNode events = h.run("commission", "events", "wc-tools", "--json").json().path("events");
    List<String> notes = new ArrayList<>();
    events.forEach(
        e -> {
          if (e.path("type").asText().equals("agent_note")) {
            notes.add(e.path("data").path("text").asText());
          }
          assertThat(e.path("type").asText()).isNotEqualTo("agent_evidence");
        });
    assertThat(notes).containsExactly("before");
  }

  @Test
  void aLeaseThatExpiredWithoutATakeoverIsRefusedToo() throws Exception {
    Claimed claimed = claim("runner-a");
    session = Session.start(h, workspace, claimed.token().epoch());
    h.clock.tick(TTL.plusSeconds(1));
    JsonNode refused = session.tool("note_add", Map.of("text", "late"));
    assertThat(refused.path("isError").asBoolean()).isTrue();
    assertThat(refused.path("content").get(0).path("text").asText()).contains("expired");
  }

  /** {@code sleigh mcp} running in-process on a thread, its stdin and stdout piped to the test. */
  static final class Session implements AutoCloseable {
    private final Writer in;
    private final BufferedReader out;
    private final Thread thread;
    private final AtomicInteger ids = new AtomicInteger();

    private Session(Writer in, BufferedReader out, Thread thread) {
      this.in = in;
      this.out = out;
      this.thread = thread;
    }

    static Session start(CliHarness h, Path workspace, long epoch) throws IOException {
      PipedOutputStream toServer = new PipedOutputStream();
      PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
      PipedInputStream fromServer = new PipedInputStream(1 << 20);
      PrintStream serverOut =
          new PrintStream(new PipedOutputStream(fromServer), true, StandardCharsets.UTF_8);
      CliEnvironment env =
          new CliEnvironment(
              serverOut,
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              h.clock,
              new SplittableRandom(7),
              h.variables,
              h.cwd,
              serverIn);
      String[] args = {
        "mcp",
        "--commission",
        "wc-tools",
        "--lease-epoch",
        Long.toString(epoch),
        "--workspace",
        workspace.toString()
      };
      Thread t =
          Thread.ofPlatform()
              .name("mcp-under-test")
              .start(
                  () -> {
                    Main.run(args, env);
                    serverOut.close();
                  });
      return new Session(
          new OutputStreamWriter(toServer, StandardCharsets.UTF_8),
          new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8)),
          t);
    }

    JsonNode call(String method, Map<String, Object> params) throws IOException {
      int id = ids.incrementAndGet();
      send(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
      String line = out.readLine();
      assertThat(line).as("a reply to " + method).isNotNull();
      JsonNode reply = JSON.readTree(line);
      assertThat(reply.path("id").asInt()).isEqualTo(id);
      return reply;
    }

    void notify(String method) throws IOException {
      send(Map.of("jsonrpc", "2.0", "method", method));
    }

    /** {@code tools/call} of {@code name}; its result. */
    JsonNode tool(String name, Map<String, Object> arguments) throws IOException {
      JsonNode reply = call("tools/call", Map.of("name", name, "arguments", arguments));
      assertThat(reply.has("result")).as(reply.toString()).isTrue();
      return reply.path("result");
    }

    private void send(Map<String, Object> message) throws IOException {
      in.write(JSON.writeValueAsString(message) + "\n");
      in.flush();
    }

    @Override
    public void close() throws IOException {
      in.close();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(thread.isAlive()).as("the server ends with its input").isFalse();
    }
  }
}
